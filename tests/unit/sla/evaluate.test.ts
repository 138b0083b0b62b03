import { describe, expect, it } from 'vitest';
import { gitlabCalendar } from '@/lib/sla/business-hours';
import { businessTimeLeft, metricState, metricStatus, metricsFromZendesk, mostUrgent, ticketMetrics } from '@/lib/sla/evaluate';
import { SLA_PRESETS } from '@/lib/sla/presets';
import type { SlaMetric } from '@/lib/sla/types';
import { type Ticket, ticketSchema } from '@/lib/zendesk/schemas';
import { at, HOUR, LA, MINUTE } from './helpers';

const calendar = gitlabCalendar();
const opts = { preset: SLA_PRESETS.handbook, calendar };
const NOW = at(LA, '2024-03-12T10:00');

function ticket(over: Record<string, unknown> = {}): Ticket {
  return ticketSchema.parse({
    id: 7,
    status: 'open',
    priority: 'high',
    created_at: '2024-03-12T16:00:00Z',
    updated_at: '2024-03-12T16:30:00Z',
    ...over,
  });
}

const running = (metric: string, dueAt: number | null, extra: Partial<SlaMetric> = {}): SlaMetric => ({
  metric, stage: 'active', source: 'preset', dueAt, ...extra,
});

describe('metricsFromZendesk', () => {
  it('takes stage and breach_at as Zendesk sends them, ignoring the coarse hours/days', () => {
    const t = ticket({
      slas: {
        policy_metrics: [
          { breach_at: '2017-10-26T15:59:41Z', stage: 'active', metric: 'next_reply_time', hours: 24 },
          { breach_at: null, stage: 'achieved', metric: 'first_reply_time', days: -141 },
        ],
      },
    });
    expect(metricsFromZendesk(t)).toEqual([
      { metric: 'next_reply_time', stage: 'active', source: 'zendesk', dueAt: Date.parse('2017-10-26T15:59:41Z') },
      { metric: 'first_reply_time', stage: 'achieved', source: 'zendesk', dueAt: null },
    ]);
  });
});

describe('ticketMetrics', () => {
  it("uses Zendesk's live SLA whenever the ticket has one", () => {
    const t = ticket({ status: 'new', slas: { policy_metrics: [{ breach_at: '2024-03-12T20:00:00Z', stage: 'active', metric: 'first_reply_time' }] } });
    expect(ticketMetrics(t, undefined, opts)).toEqual([
      { metric: 'first_reply_time', stage: 'active', source: 'zendesk', dueAt: Date.parse('2024-03-12T20:00:00Z') },
    ]);
  });

  it('falls back to the preset when Zendesk has no SLA on the ticket', () => {
    const metrics = ticketMetrics(ticket({ status: 'new', slas: { policy_metrics: [] } }), undefined, opts);
    expect(metrics).toEqual([expect.objectContaining({ metric: 'first_reply_time', source: 'preset', stage: 'active' })]);
    // High: 8 business hours from Tuesday 09:00 PT, inside the 24x5 week.
    expect(metrics[0]?.dueAt).toBe(Date.parse('2024-03-13T00:00:00Z'));
  });
});

describe('metricState', () => {
  const due = NOW + 2 * HOUR;
  it.each([
    [due - 2 * HOUR - 1, 'ok'],
    [due - 60 * MINUTE - 1, 'ok'],
    [due - 60 * MINUTE, 'warning'],
    [due - 15 * MINUTE - 1, 'warning'],
    [due - 15 * MINUTE, 'critical'],
    [due - 1, 'critical'],
    [due, 'breached'],
    [due + HOUR, 'breached'],
  ])('at %i a metric due at the fixed time is %s (60/15 minute thresholds)', (now, state) => {
    expect(metricState(running('first_reply_time', due), now)).toBe(state);
  });

  it('follows custom thresholds', () => {
    expect(metricState(running('first_reply_time', NOW + 100 * MINUTE), NOW, { warningMinutes: 120, criticalMinutes: 30 })).toBe('warning');
  });

  it('reports paused and achieved clocks from the stage, and a clock without a deadline as none', () => {
    expect(metricState({ ...running('next_reply_time', null), stage: 'paused' }, NOW)).toBe('paused');
    expect(metricState({ ...running('first_reply_time', NOW - HOUR), stage: 'achieved' }, NOW)).toBe('achieved');
    expect(metricState(running('first_reply_time', null), NOW)).toBe('none');
  });

  it('shows an answer window that has not opened yet as ok, flagged as not yet open', () => {
    const window = running('answer_window', NOW + 13 * 24 * HOUR, { opensAt: NOW + 24 * HOUR });
    expect(metricStatus(window, NOW)).toEqual({ state: 'ok', msLeft: 13 * 24 * HOUR, notYetOpen: true });
    expect(metricStatus(window, NOW + 2 * 24 * HOUR).notYetOpen).toBe(false);
    expect(metricState(window, NOW + 13 * 24 * HOUR - 10 * MINUTE)).toBe('critical');
    expect(metricState(window, NOW + 14 * 24 * HOUR)).toBe('breached');
  });
});

describe('mostUrgent', () => {
  it('shows a breached clock before one still running', () => {
    const breached = running('next_reply_time', NOW - HOUR);
    expect(mostUrgent([running('first_reply_time', NOW + HOUR), breached], NOW)).toBe(breached);
  });

  it('shows the running clock due first', () => {
    const soon = running('next_reply_time', NOW + HOUR);
    expect(mostUrgent([running('first_reply_time', NOW + 2 * HOUR), soon], NOW)).toBe(soon);
  });

  it('prefers the first reply (the contractual clock) when two are due together', () => {
    const first = running('first_reply_time', NOW + HOUR);
    expect(mostUrgent([running('next_reply_time', NOW + HOUR), first], NOW)).toBe(first);
  });

  it('falls back to a paused clock, then an achieved one, then nothing', () => {
    const paused: SlaMetric = { ...running('next_reply_time', null), stage: 'paused' };
    const achieved: SlaMetric = { ...running('first_reply_time', null), stage: 'achieved' };
    expect(mostUrgent([achieved, paused, running('x', null)], NOW)).toBe(paused);
    expect(mostUrgent([achieved], NOW)).toBe(achieved);
    expect(mostUrgent([running('x', null)], NOW)).toBeNull();
    expect(mostUrgent([], NOW)).toBeNull();
  });
});

describe('businessTimeLeft', () => {
  it('counts only business hours: from Friday 16:00 PT to Monday 02:00 PT is 1 h + 9 h + 2 h', () => {
    const m = running('first_reply_time', at(LA, '2024-03-11T02:00'));
    expect(businessTimeLeft(m, at(LA, '2024-03-08T16:00'), calendar)).toBe(12 * 60);
  });

  it('is negative once breached and null when nothing runs', () => {
    expect(businessTimeLeft(running('first_reply_time', at(LA, '2024-03-12T09:00')), at(LA, '2024-03-12T10:30'), calendar)).toBe(-90);
    expect(businessTimeLeft({ ...running('first_reply_time', NOW), stage: 'paused' }, NOW, calendar)).toBeNull();
  });
});
