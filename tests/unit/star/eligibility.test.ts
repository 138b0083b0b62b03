import { describe, expect, it } from 'vitest';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { assessStar, suggestUrgency, type StarFacts } from '@/lib/star/eligibility';
import { starFacts } from './facts';
import { starDecision, type DataCriterionId } from '@/lib/star/types';

const MIN = 60_000;
const calendar = gitlabCalendar('global');
const at = (iso: string) => Date.parse(iso);

const facts = starFacts;

const verdict = (now: number, id: DataCriterionId, over: Partial<StarFacts> = {}) =>
  assessStar(facts(now, over), now, calendar, 'Europe/Amsterdam').criteria.find((c) => c.id === id)?.verdict;

describe('STAR eligibility: GitLab Global Support Hours (Sunday 15:00 to Friday 17:00 Pacific)', () => {
  it.each([
    ['a minute before Sunday 15:00 PST', '2026-11-22T22:59:00Z', 'fail'],
    ['Sunday 15:00 PST exactly', '2026-11-22T23:00:00Z', 'pass'],
    ['a minute before Friday 17:00 PST', '2026-11-28T00:59:00Z', 'pass'],
    ['Friday 17:00 PST exactly', '2026-11-28T01:00:00Z', 'fail'],
    ['Saturday noon', '2026-11-28T20:00:00Z', 'fail'],
    ['Wednesday 03:00 PST (24x5: open at night)', '2026-11-25T11:00:00Z', 'pass'],
    // DST starts Sunday 8 March 2026: 15:00 is PDT (UTC-7), an hour earlier in UTC than in winter.
    ['a minute before Sunday 15:00 PDT in the spring-forward week', '2026-03-08T21:59:00Z', 'fail'],
    ['Sunday 15:00 PDT in the spring-forward week', '2026-03-08T22:00:00Z', 'pass'],
    ['a minute before Friday 17:00 PDT in the spring-forward week', '2026-03-13T23:59:00Z', 'pass'],
    ['Friday 17:00 PDT in the spring-forward week', '2026-03-14T00:00:00Z', 'fail'],
    // DST ends Sunday 1 November 2026: 15:00 is PST again (UTC-8).
    ['Sunday 14:59 PST in the fall-back week', '2026-11-01T22:59:00Z', 'fail'],
    ['Sunday 15:00 PST in the fall-back week', '2026-11-01T23:00:00Z', 'pass'],
  ])('%s: %s', (_what, iso, expected) => {
    expect(verdict(at(iso), 'support-hours')).toBe(expected);
  });

  it('says when STARs open again, in Pacific time and in the agent\'s own zone', () => {
    const now = at('2026-11-28T20:00:00Z'); // Saturday 12:00 PST
    const a = assessStar(facts(now), now, calendar, 'Europe/Amsterdam');
    expect(a.opensAt).toBe(at('2026-11-29T23:00:00Z'));
    expect(a.opensAtLabel).toBe('Sun 29 Nov, 15:00 (PST), in 1d 3h (your time Mon 30 Nov, 00:00 (GMT+1))');
    const d = starDecision(a, ['stalled']);
    expect(d.available).toBe(false);
    expect(d.blockers[0]).toContain('Outside GitLab Global Support Hours');
    expect(d.blockers[0]).toContain('STARs open again Sun 29 Nov, 15:00 (PST)');
  });

  it('has no "opens at" while support hours are open', () => {
    const now = at('2026-11-24T18:00:00Z');
    expect(assessStar(facts(now), now, calendar, 'UTC').opensAt).toBeNull();
  });
});

describe('STAR eligibility: the ticket', () => {
  const now = at('2026-11-24T18:00:00Z'); // Tuesday 10:00 PST

  it.each([
    [30 * MIN - 1, 'fail'],
    [30 * MIN, 'fail'],
    [30 * MIN + 1000, 'pass'],
  ])('a ticket %i ms old: older than 30 minutes is %s', (age, expected) => {
    expect(verdict(now, 'age', { createdAt: now - age })).toBe(expected);
  });

  it.each([
    [59, 'fail'],
    [60, 'pass'],
    [61, 'pass'],
  ])('first reply breached by %i minutes: "breached by at least 1 hour" is %s', (minutes, expected) => {
    expect(verdict(now, 'frt-breach', { firstReply: { stage: 'active', breachAt: now - minutes * MIN } })).toBe(expected);
  });

  it('does not count a first reply that was sent, or time left on the timer', () => {
    expect(verdict(now, 'frt-breach', { firstReply: { stage: 'achieved', breachAt: now - 300 * MIN } })).toBe('fail');
    const left = assessStar(facts(now, { firstReply: { stage: 'active', breachAt: now + 90 * MIN } }), now, calendar, 'UTC');
    expect(left.criteria.find((c) => c.id === 'frt-breach')?.detail).toContain("don't STAR with time left");
    expect(verdict(now, 'frt-breach', { firstReply: null })).toBe('unknown');
  });

  it('refuses the emergency form and shows emergency mode for it', () => {
    const a = assessStar(facts(now, { formName: 'Emergency', priority: 'high' }), now, calendar, 'UTC');
    expect(a.criteria.find((c) => c.id === 'form')?.verdict).toBe('fail');
    expect(starDecision(a, []).blockers.join(' ')).toContain('"Emergency" form');
    expect(a.emergency?.because).toEqual(['the ticket is on the "Emergency" form']);
  });

  it('needs the last public reply to be the customer\'s', () => {
    expect(verdict(now, 'last-reply', { lastPublicAuthor: { kind: 'agent', name: 'Alex Agent' } })).toBe('fail');
    expect(verdict(now, 'last-reply', { lastPublicAuthor: undefined })).toBe('unknown');
  });

  it('reads a raised priority as a reason, and neither a lowered one nor none', () => {
    expect(verdict(now, 'priority-changed', { priorityChange: { from: 'low', to: 'high', at: now - MIN } })).toBe('pass');
    expect(verdict(now, 'priority-changed', { priorityChange: { from: 'high', to: 'normal', at: now - MIN } })).toBe('fail');
    expect(verdict(now, 'priority-changed', { priorityChange: null })).toBe('fail');
    expect(verdict(now, 'priority-changed', { priorityChange: undefined })).toBe('unknown');
  });

  it('needs at least one reason: from the data, or ticked by the agent', () => {
    const quiet = assessStar(facts(now, { firstReply: { stage: 'active', breachAt: now - 10 * MIN } }), now, calendar, 'UTC');
    expect(starDecision(quiet, []).available).toBe(false);
    expect(starDecision(quiet, ['dissatisfaction'])).toMatchObject({ available: true, blockers: [] });
    expect(starDecision(assessStar(facts(now), now, calendar, 'UTC'), []).available).toBe(true);
  });

  it('does not let an unknown blocking criterion block, but shows it as unknown', () => {
    const a = assessStar(facts(now, { formName: undefined, lastPublicAuthor: undefined }), now, calendar, 'UTC');
    expect(starDecision(a, []).available).toBe(true);
    expect(a.criteria.filter((c) => c.verdict === 'unknown').map((c) => c.id)).toEqual(['form', 'last-reply']);
  });

  it('suggests the urgency from the data and pre-fills plan and reason', () => {
    expect(suggestUrgency({ priority: 'normal', firstReply: { stage: 'active', breachAt: now - 30 * MIN } }, now)).toBe('low');
    expect(suggestUrgency({ priority: 'normal', firstReply: { stage: 'active', breachAt: now - 60 * MIN } }, now)).toBe('medium');
    expect(suggestUrgency({ priority: 'normal', firstReply: { stage: 'active', breachAt: now - 240 * MIN } }, now)).toBe('high');
    expect(suggestUrgency({ priority: 'urgent', firstReply: null }, now)).toBe('high');
    const a = assessStar(facts(now), now, calendar, 'UTC');
    expect(a.suggested).toMatchObject({ urgency: 'medium', plan: 'Premium, Self-Managed', reason: 'First reply SLA breached 1h 10m ago' });
  });
});

describe('emergency mode facts', () => {
  const now = at('2026-11-24T18:00:00Z');
  it('is on for urgent tickets, with the 30-minute first reply deadline when Zendesk has none', () => {
    const a = assessStar(facts(now, { priority: 'urgent', firstReply: null, lastPublicAuthor: null, createdAt: now - 5 * MIN }), now, calendar, 'UTC');
    expect(a.emergency).toMatchObject({ because: ['the priority is Urgent'], firstReplyDueAt: now + 25 * MIN, firstReplySent: false, assignedToMe: false });
  });
  it('is off for other tickets', () => {
    expect(assessStar(facts(now), now, calendar, 'UTC').emergency).toBeNull();
  });
});
