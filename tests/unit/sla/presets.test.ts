import { describe, expect, it } from 'vitest';
import { businessDayMinutes, gitlabCalendar } from '@/lib/sla/business-hours';
import { metricsFromPreset } from '@/lib/sla/evaluate';
import { parsePreset } from '@/lib/sla/preset-schema';
import { type ChannelClass, classifyChannel, SLA_PRESETS, type SlaPreset } from '@/lib/sla/presets';
import type { SlaMetric } from '@/lib/sla/types';
import type { Ticket } from '@/lib/zendesk/schemas';
import { at, HOUR, LA, show } from './helpers';

const calendar = gitlabCalendar();
// Friday 2024-03-08 12:00 PT: 5 business hours left that Friday, then closed until Sunday 15:00.
const FRIDAY_NOON = '2024-03-08T12:00';

function newTicket(over: Partial<Ticket> = {}): Ticket {
  const created = new Date(at(LA, FRIDAY_NOON)).toISOString();
  return { id: 1, status: 'new', priority: 'normal', created_at: created, updated_at: created, ...over };
}

function firstReply(preset: SlaPreset, over: Partial<Ticket> = {}): SlaMetric | undefined {
  return metricsFromPreset(newTicket(over), undefined, { preset, calendar })[0];
}

describe('handbook preset (2016/2017 GitLab handbook), first reply from Friday 12:00 PT', () => {
  const preset = SLA_PRESETS.handbook;

  it.each([
    ['urgent', '30 minutes', 'Fri 2024-03-08 12:30', false],
    ['high', '8 business hours', 'Sun 2024-03-10 18:00', true], // 5 h Friday + 3 h from Sunday 15:00
    ['normal', '12 business hours', 'Sun 2024-03-10 22:00', true], // 5 h + 7 h
    ['low', '16 business hours', 'Mon 2024-03-11 02:00', true], // 5 h + 9 h Sunday + 2 h Monday
  ] as const)('%s priority: %s, due %s', (priority, label, due, businessHours) => {
    const m = firstReply(preset, { priority });
    expect(m).toMatchObject({ metric: 'first_reply_time', stage: 'active', source: 'preset', target: { label, businessHours } });
    expect(show(LA, m?.dueAt ?? NaN)).toBe(due);
  });

  it('treats a ticket without priority as Normal', () => {
    expect(firstReply(preset, { priority: null })?.target?.label).toBe('12 business hours');
  });

  it('counts Urgent in calendar minutes, even when support is closed (Saturday)', () => {
    const saturday = new Date(at(LA, '2024-03-09T10:00')).toISOString();
    expect(show(LA, firstReply(preset, { priority: 'urgent', created_at: saturday })?.dueAt ?? NaN)).toBe('Sat 2024-03-09 10:30');
  });

  it.each([
    ['Twitter', { via: { channel: 'twitter' } }],
    ['Facebook', { via: { channel: 'facebook' } }],
    ['Disqus (tagged)', { via: { channel: 'api' }, tags: ['disqus'] }],
  ])('gives %s tickets 1 business day', (_name, over) => {
    const m = firstReply(preset, over);
    expect(m?.target).toEqual({ minutes: 1440, businessHours: true, label: '1 business day' });
    // 5 h on Friday, 9 h on Sunday from 15:00, 10 h on Monday.
    expect(show(LA, m?.dueAt ?? NaN)).toBe('Mon 2024-03-11 10:00');
  });

  it('makes 1 business day on the 24x5 schedule 24 business hours: Friday 16:00 PT is due Monday 14:00 PT', () => {
    // 1 h left on Friday (until 17:00), resume Sunday 15:00 (9 h to midnight), 14 h more on Monday.
    expect(businessDayMinutes(calendar)).toBe(24 * 60);
    const friday4pm = new Date(at(LA, '2024-03-08T16:00')).toISOString();
    const m = firstReply(preset, { via: { channel: 'twitter' }, created_at: friday4pm });
    expect(show(LA, m?.dueAt ?? NaN)).toBe('Mon 2024-03-11 14:00');
  });

  it.each([
    ['forum', { via: { channel: 'forum' } }],
    ['Stack Overflow', { tags: ['stack_overflow'] }],
    ['Stack Overflow (other spelling)', { tags: ['stackoverflow'] }],
    ['Reddit', { tags: ['reddit'] }],
    ['Quora', { tags: ['quora'] }],
    ['GitLab issue trackers', { tags: ['issue_tracker'] }],
  ])('gives %s an answer window: not sooner than 2 days, within 2 weeks (calendar)', (_name, over) => {
    const m = firstReply(preset, over);
    const created = at(LA, FRIDAY_NOON);
    expect(m).toMatchObject({ metric: 'answer_window', stage: 'active', source: 'preset' });
    expect(m?.opensAt).toBe(created + 48 * HOUR);
    expect(m?.dueAt).toBe(created + 14 * 24 * HOUR);
  });

  it('lets Urgent priority win over channel rules: an urgent tweet is due in 30 minutes', () => {
    const m = firstReply(preset, { priority: 'urgent', via: { channel: 'twitter' } });
    expect(m).toMatchObject({ metric: 'first_reply_time', target: { label: '30 minutes' } });
    expect(firstReply(preset, { priority: 'urgent', tags: ['reddit'] })?.metric).toBe('first_reply_time');
  });
});

describe('gitlab-current preset (24x5, Support Impact), first reply from Friday 12:00 PT', () => {
  const preset = SLA_PRESETS['gitlab-current'];

  it.each([
    ['urgent', 'Fri 2024-03-08 12:30'], // 30 min around the clock
    ['high', 'Fri 2024-03-08 16:00'], // 4 business hours
    ['normal', 'Sun 2024-03-10 18:00'], // 8: 5 h Friday + 3 h Sunday
    ['low', 'Mon 2024-03-11 10:00'], // 24: 5 h Friday + 9 h Sunday + 10 h Monday
  ] as const)('%s priority is due %s', (priority, due) => {
    expect(show(LA, firstReply(preset, { priority })?.dueAt ?? NaN)).toBe(due);
  });

  it('has no channel rules: a tweet follows its priority', () => {
    expect(firstReply(preset, { via: { channel: 'twitter' } })?.target?.label).toBe('8 business hours');
    expect(classifyChannel({ via: { channel: 'twitter' } }, preset)).toBe('standard');
  });
});

describe('next reply from a preset', () => {
  const opts = { preset: SLA_PRESETS.handbook, calendar };
  const requesterAt = new Date(at(LA, '2024-03-11T09:00')).toISOString();

  it('runs from the requester last update while the ticket is Open after an agent reply', () => {
    const metrics = metricsFromPreset(newTicket({ status: 'open' }), { replies: 1, requester_updated_at: requesterAt }, opts);
    expect(metrics.map((m) => [m.metric, m.stage])).toEqual([['first_reply_time', 'achieved'], ['next_reply_time', 'active']]);
    expect(show(LA, metrics[1]?.dueAt ?? NaN)).toBe('Mon 2024-03-11 21:00'); // 12 business hours, all on Monday
  });

  it('pauses while Pending or On-hold', () => {
    for (const status of ['pending', 'hold'] as const) {
      const metrics = metricsFromPreset(newTicket({ status }), { replies: 2, requester_updated_at: requesterAt }, opts);
      expect(metrics[1]).toMatchObject({ metric: 'next_reply_time', stage: 'paused', dueAt: null });
    }
  });

  it('is achieved once Solved', () => {
    const metrics = metricsFromPreset(newTicket({ status: 'solved' }), { replies: 2, requester_updated_at: requesterAt }, opts);
    expect(metrics.map((m) => m.stage)).toEqual(['achieved', 'achieved']);
  });

  it('keeps the first reply running while Pending when nobody has replied (Pending does not stop it)', () => {
    const metrics = metricsFromPreset(newTicket({ status: 'pending' }), { replies: 0 }, opts);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({ metric: 'first_reply_time', stage: 'active' });
  });

  it('returns nothing for an Open ticket without a metric set: whether anyone replied is unknown', () => {
    expect(metricsFromPreset(newTicket({ status: 'open' }), undefined, opts)).toEqual([]);
  });

  it('closes the answer window once the community ticket has a reply, with no next-reply clock', () => {
    const metrics = metricsFromPreset(newTicket({ status: 'open', tags: ['reddit'] }), { replies: 1, requester_updated_at: requesterAt }, opts);
    expect(metrics).toEqual([expect.objectContaining({ metric: 'answer_window', stage: 'achieved', dueAt: null })]);
  });
});

describe('classifyChannel', () => {
  it.each([
    [{ via: { channel: 'twitter' } }, 'social'],
    [{ via: { channel: 'facebook' } }, 'social'],
    [{ via: { channel: 'email' }, tags: ['disqus'] }, 'social'],
    [{ via: { channel: 'forum' } }, 'community'],
    [{ via: { channel: 'email' }, tags: ['stack_overflow'] }, 'community'],
    [{ tags: ['quora', 'other'] }, 'community'],
    [{ via: { channel: 'web' } }, 'standard'],
    [{ via: { channel: 4 } }, 'standard'],
    [{}, 'standard'],
  ] satisfies Array<[Pick<Ticket, 'via' | 'tags'>, ChannelClass]>)('classifies %j as %s', (ticket, expected) => {
    expect(classifyChannel(ticket)).toBe(expected);
  });
});

describe('parsePreset', () => {
  it('accepts the built-in presets as data', () => {
    for (const preset of Object.values(SLA_PRESETS)) expect(parsePreset(JSON.parse(JSON.stringify(preset)))).toEqual({ ok: true, preset });
  });

  it('rejects a table with a negative target, naming the field', () => {
    const handbook = SLA_PRESETS.handbook;
    const high = { first_reply_time: { amount: -8, unit: 'business_minutes', label: '-8' }, next_reply_time: null };
    const bad = { ...handbook, priorities: { ...handbook.priorities, high } };
    const r = parsePreset(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain('priorities.high.first_reply_time.amount');
  });
});
