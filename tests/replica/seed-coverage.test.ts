import { describe, expect, it } from 'vitest';
import { ReplicaStore } from '@/replica/store';
import { SEED, SEED_PURPOSES } from '@/replica/seed';

const NOW = Date.UTC(2026, 4, 7, 15, 0, 0);
const store = new ReplicaStore(() => NOW);
const tickets = store.liveTickets();
const MIN = 60_000;

describe('the seed', () => {
  it('has at least 40 live tickets', () => {
    expect(tickets.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every priority (and none) and every status', () => {
    expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set(['urgent', 'high', 'normal', 'low', null]));
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed']));
  });

  it('covers every channel and the handbook tags', () => {
    const channels = new Set(tickets.map((t) => t.channel));
    for (const c of ['email', 'web', 'api', 'twitter', 'facebook', 'any_channel', 'chat', 'voice', 'forum', 'mobile', 'native_messaging']) {
      expect(channels, c).toContain(c);
    }
    const tags = new Set(tickets.flatMap((t) => t.tags));
    for (const tag of ['disqus', 'stack_overflow', 'security', 'emergency']) expect(tags, tag).toContain(tag);
  });

  it('has active metrics breaching at many distances, breached, paused and achieved ones', () => {
    const active = tickets.flatMap((t) => t.metrics.filter((m) => m.stage === 'active' && m.breachAt !== null).map((m) => ((m.breachAt ?? 0) - NOW) / MIN));
    for (const minutes of [4, 12, 45, 180, 2 * 1440]) expect(active.some((a) => Math.abs(a - minutes) < minutes * 0.05 + 1), `${minutes} min`).toBe(true);
    expect(active.some((a) => a <= -30)).toBe(true);
    expect(active.some((a) => a <= -2 * 1440)).toBe(true);
    const all = tickets.flatMap((t) => t.metrics);
    expect(all.some((m) => m.stage === 'paused' && m.breachAt === null)).toBe(true);
    expect(all.some((m) => m.stage === 'achieved')).toBe(true);
    expect(all.some((m) => m.metric === 'periodic_update_time' && m.stage === 'active')).toBe(true);
  });

  it('puts several metrics on one ticket (achieved first reply + active next reply)', () => {
    const multi = store.ticket(SEED.ticketMultiMetric)?.metrics.map((m) => `${m.metric}:${m.stage}`);
    expect(multi).toEqual(expect.arrayContaining(['first_reply_time:achieved', 'next_reply_time:active', 'periodic_update_time:active']));
  });

  it('has no SLA on the channels Zendesk does not track and on some plain email tickets', () => {
    for (const id of [SEED.ticketNoSlaTwitter, SEED.ticketNoSlaFacebook, SEED.ticketNoSlaDisqus, SEED.ticketNoSlaForum, SEED.ticketNoSlaStackOverflow, SEED.ticketNoSlaEmail, SEED.ticketNoSlaEmail2]) {
      expect(store.ticket(id)?.metrics, String(id)).toEqual([]);
    }
    expect(store.ticket(SEED.ticketNoSlaEmail)?.channel).toBe('email');
    expect(store.ticket(SEED.ticketNoSlaTwitter)?.channel).toBe('twitter');
  });

  it('keeps the conversation consistent with the SLA state (metric_sets agree)', () => {
    for (const t of tickets) {
      const set = store.metricSet(t, 'http://x');
      const frt = t.metrics.find((m) => m.metric === 'first_reply_time');
      if (frt?.stage === 'active') expect(set['replies'], `ticket ${t.id}`).toBe(0);
      if (frt?.stage === 'achieved') expect(set['replies'] as number, `ticket ${t.id}`).toBeGreaterThan(0);
    }
  });

  it('has hostile text, RTL/zero-width text, two agents or more, several requesters', () => {
    expect(store.ticket(SEED.ticketHostileSubject)?.subject).toContain('<img src=x onerror=alert(1)>');
    expect(store.ticket(SEED.ticketRtl)?.subject).toMatch(/[\u200B\u200D\u202E]/);
    expect(store.users.filter((u) => u.role !== 'end-user').length).toBeGreaterThanOrEqual(2);
    expect(new Set(tickets.map((t) => t.requesterId)).size).toBeGreaterThanOrEqual(5);
    const mine = tickets.filter((t) => t.assigneeId === SEED.agent).length;
    expect(mine / tickets.length).toBeGreaterThan(0.3);
  });

  it('describes every named ticket id in SEED_PURPOSES', () => {
    const ids = Object.entries(SEED).filter(([k]) => k.startsWith('ticket') && k !== 'ticketUnknown').map(([, v]) => v);
    for (const id of ids) expect(SEED_PURPOSES[id], String(id)).toBeTruthy();
  });

  it('gives "All unsolved tickets" more than one page of 30', () => {
    const view = store.views.find((v) => v.id === SEED.viewAllUnsolved);
    expect(view && store.viewTickets(view, SEED.agent).length).toBeGreaterThan(30);
  });
});
