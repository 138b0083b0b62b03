import { describe, expect, it } from 'vitest';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { badgeView } from '@/lib/sla/badge-view';
import { DEFAULT_THRESHOLDS, type SlaMetric } from '@/lib/sla/types';

const NOW = Date.parse('2026-11-17T18:00:00Z'); // Tuesday 10:00 in Los Angeles
const MIN = 60_000;
const calendar = gitlabCalendar('global');
const options = {
  thresholds: DEFAULT_THRESHOLDS,
  zone: 'America/Los_Angeles',
  businessMinutesBetween: (a: number, b: number) => calendar.businessMinutesBetween(a, b),
};

function view(metrics: SlaMetric[], extra: Partial<{ hasData: boolean; error: { message: string } | null; loading: boolean }> = {}) {
  return badgeView({ metrics, hasData: true, error: null, loading: false, ...extra }, NOW, options);
}
const active = (metric: string, dueIn: number): SlaMetric => ({ metric, stage: 'active', source: 'zendesk', dueAt: NOW + dueIn });

describe('what a badge says', () => {
  it.each([
    [3 * 60 * MIN + 5 * MIN, 'ok', '3h 05m'],
    [59 * MIN, 'warning', '59m'],
    [15 * MIN, 'critical', '15m'],
    [45_000, 'critical', '45s'],
    [-5 * MIN, 'breached', '+5m'],
    [-(26 * 60 * MIN), 'breached', '+1d 2h'],
  ])('a first reply due in %i ms is %s and reads "%s"', (dueIn, state, text) => {
    const v = view([active('first_reply_time', dueIn)]);
    expect(v).toMatchObject({ state, text, metric: 'first_reply_time', dueIso: new Date(NOW + dueIn).toISOString() });
  });

  it('shows the most urgent of several metrics, and every metric in the details', () => {
    const v = view([
      { metric: 'first_reply_time', stage: 'achieved', source: 'zendesk', dueAt: null },
      active('periodic_update_time', 2 * 24 * 60 * MIN),
      active('next_reply_time', 40 * MIN),
    ]);
    expect(v.metric).toBe('next_reply_time');
    expect(v.metrics.map((m) => [m.label, m.stateWord])).toEqual([
      ['First reply', 'Achieved'],
      ['Periodic update', 'On track'],
      ['Next reply', 'Warning'],
    ]);
    expect(v.metrics[2]).toMatchObject({
      summary: '40m left',
      businessLeft: '40m of business time left',
      source: 'Zendesk SLA policy (live breach time)',
    });
    expect(v.metrics[2]!.deadline).toContain('10:40');
  });

  it('shows business time separately from calendar time across the weekend', () => {
    const friday = Date.parse('2026-11-20T23:00:00Z'); // Friday 15:00 PT, 2 h before support hours close
    const due = Date.parse('2026-11-22T23:30:00Z'); // Sunday 15:30 PT, 30 min after they reopen
    const v = badgeView({ metrics: [{ metric: 'first_reply_time', stage: 'active', source: 'preset', dueAt: due }], hasData: true, error: null, loading: false }, friday, options);
    expect(v.metrics[0]!.summary).toBe('2d 0h left');
    expect(v.metrics[0]!.businessLeft).toBe('2h 30m of business time left');
  });

  it('names paused and achieved clocks without a running deadline', () => {
    expect(view([{ metric: 'next_reply_time', stage: 'paused', source: 'zendesk', dueAt: null }])).toMatchObject({ state: 'paused', text: 'Paused', dueIso: null });
    expect(view([{ metric: 'first_reply_time', stage: 'achieved', source: 'zendesk', dueAt: null }])).toMatchObject({ state: 'achieved', text: 'Met', dueIso: null });
  });

  it('says when a met clock was due, and gives no deadline for a paused one', () => {
    const met = view([{ metric: 'first_reply_time', stage: 'achieved', source: 'zendesk', dueAt: NOW - 60 * MIN }]);
    expect(met.metrics[0]!.deadline).toBe('Was due Tue 17 Nov, 09:00 (PST)');
    const paused = view([{ metric: 'next_reply_time', stage: 'paused', source: 'zendesk', dueAt: NOW + 60 * MIN }]);
    expect(paused.metrics[0]!.deadline).toBeNull();
    expect(view([active('first_reply_time', 40 * MIN)]).metrics[0]!.deadline).toBe('Due Tue 17 Nov, 10:40 (PST)');
  });

  it('says there is no SLA when nothing applies, and loading before data arrives', () => {
    expect(view([])).toMatchObject({ state: 'none', text: 'No SLA', metric: null, dueIso: null });
    expect(view([], { hasData: false, loading: true })).toMatchObject({ state: 'none', text: '…', lead: '', spoken: 'SLA loading', word: '', description: 'SLA loading' });
    expect(view([])).toMatchObject({ lead: '', spoken: null, word: '', description: 'No SLA on this ticket' });
  });

  it('says the SLA is unknown, and why, when the first fetch failed', () => {
    const v = view([], { hasData: false, error: { message: 'Zendesk says you are signed out.' } });
    expect(v).toMatchObject({ text: 'SLA ?', error: 'Zendesk says you are signed out.' });
    expect(v).toMatchObject({ spoken: 'SLA unknown', description: 'SLA unknown: Zendesk says you are signed out.' });
  });

  it('shows an answer window that is not open yet as waiting, not as urgent', () => {
    const v = view([{ metric: 'answer_window', stage: 'active', source: 'preset', dueAt: NOW + 12 * 24 * 60 * MIN, opensAt: NOW + 30 * MIN }]);
    expect(v).toMatchObject({ state: 'ok', text: 'opens 30m' });
    expect(v.metrics[0]!.summary).toBe('Opens in 30m, closes in 12d 0h');
  });

  it('names the badge by its visible text (WCAG 2.5.3) with the metric before it and the state word after', () => {
    expect(view([active('first_reply_time', 12 * MIN + 40_000)])).toMatchObject({
      lead: 'First reply SLA:',
      text: '12m',
      spoken: null,
      word: 'Critical',
      description: 'First reply SLA: 12 minutes left, critical',
    });
    expect(view([active('next_reply_time', -30 * MIN)])).toMatchObject({ lead: 'Next reply SLA:', text: '+30m', spoken: null, word: 'Breached', description: 'Next reply SLA breached 30 minutes ago' });
    // Paused and met say their state in the text: no word after it.
    const paused = view([{ metric: 'next_reply_time', stage: 'paused', source: 'zendesk', dueAt: NOW + 60 * MIN }]);
    expect(paused).toMatchObject({ lead: 'Next reply SLA:', text: 'Paused', word: '', description: 'Next reply SLA paused' });
  });

  it('gives screen readers minutes, not seconds, so the name does not change every tick', () => {
    const a = view([active('first_reply_time', 12 * MIN + 40_000)]);
    const b = badgeView({ metrics: [active('first_reply_time', 12 * MIN + 40_000)], hasData: true, error: null, loading: false }, NOW + 30_000, options);
    expect([a.lead, a.text, a.spoken, a.word, a.description]).toEqual([b.lead, b.text, b.spoken, b.word, b.description]);
    // In the last minute either side of the deadline the text counts seconds; what is read stays put.
    const at = (dueIn: number) => view([active('first_reply_time', dueIn)]);
    expect(at(45_000)).toMatchObject({ text: '45s', spoken: 'under 1m', word: 'Critical', description: 'First reply SLA: less than a minute left, critical' });
    expect(at(5_000)).toMatchObject({ text: '5s', spoken: 'under 1m' });
    expect(at(60_000)).toMatchObject({ text: '1m', spoken: null });
    expect(at(-12_000)).toMatchObject({ text: '+12s', spoken: '+under 1m', word: 'Breached' });
    expect(at(-60_000)).toMatchObject({ text: '+1m', spoken: null });
    const opening = view([{ metric: 'answer_window', stage: 'active', source: 'preset', dueAt: NOW + 60 * MIN, opensAt: NOW + 20_000 }]);
    expect(opening).toMatchObject({ text: 'opens 20s', spoken: 'opens in under 1m', lead: 'Answer window SLA:' });
  });
});
