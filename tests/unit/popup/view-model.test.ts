import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FRESH_MS } from '@/lib/background/poller';
import { initialPollState } from '@/lib/storage';
import { popupView, STALE_AFTER_MS, timeOfDay, updatedText, URGENT_SNOOZE_REASON, type PopupView } from '@/lib/popup/view-model';
import { LOCAL_ZONE, parseShift, shiftEndAt } from '@/lib/popup/shift';
import { data, MIN, NOW, O, ticket } from './fixtures';

const opts = { zone: 'America/Los_Angeles' };
function ready(v: PopupView) {
  if (v.kind !== 'ready') throw new Error(`expected ready, got ${v.kind}`);
  return v;
}

describe('popup states', () => {
  it('is loading until storage has been read', () => {
    expect(popupView(null, NOW, opts)).toEqual({ kind: 'loading' });
  });

  it('asks to open Zendesk when no instance has been seen', () => {
    expect(popupView(data([], { instances: [] }), NOW, opts).kind).toBe('no-instance');
  });

  it('waits for the first poll of a new instance', () => {
    const v = ready(popupView(data([], { snapshots: {} }), NOW, opts));
    expect(v.instances[0]).toMatchObject({ status: 'waiting', updated: null, host: 'acme.zendesk.com' });
  });

  it('says signed out when the last poll was refused for want of a session, keeping the last queue', () => {
    const pollStates = { [O]: { ...initialPollState(), lastError: { kind: 'signed-out', message: 'Sign in to Zendesk.', at: NOW } } };
    const v = ready(popupView(data([ticket(1, { dueIn: 30 * MIN })], { pollStates }), NOW, opts));
    expect(v.instances[0]).toMatchObject({ status: 'signed-out', error: null, total: 1 });
  });

  it('shows any other poll error with its message', () => {
    const pollStates = { [O]: { ...initialPollState(), lastError: { kind: 'server', message: 'Zendesk answered 503.', at: NOW } } };
    const v = ready(popupView(data([], { pollStates, snapshots: {} }), NOW, opts));
    expect(v.instances[0]).toMatchObject({ status: 'error', error: 'Zendesk answered 503.' });
  });
});

describe('stale data', () => {
  it.each([
    [0, 'updated just now'],
    [59_999, 'updated just now'],
    [4 * MIN + 59_000, 'updated 4 min ago'],
    [2 * 60 * MIN + 5 * MIN, 'updated 2 h ago'],
    [24 * 60 * MIN, 'updated 1 day ago'],
    [3 * 24 * 60 * MIN, 'updated 3 days ago'],
  ])('%i ms after the fetch reads "%s"', (age, text) => {
    expect(updatedText(NOW - age, NOW)).toBe(text);
  });

  it('marks the queue stale after the poller’s own freshness limit', () => {
    expect(STALE_AFTER_MS).toBe(SNAPSHOT_FRESH_MS);
    const old = data([]);
    old.snapshots[O]!.fetchedAt = NOW - 6 * MIN;
    expect(ready(popupView(old, NOW, opts)).instances[0]).toMatchObject({ stale: true, updated: 'updated 6 min ago' });
    expect(ready(popupView(data([]), NOW, opts)).instances[0]!.stale).toBe(false);
  });
});

describe('counts', () => {
  const tickets = [
    ticket(1, { status: 'new', priority: 'urgent', dueIn: -5 * MIN }),
    ticket(2, { status: 'open', priority: 'high', dueIn: 10 * MIN }),
    ticket(3, { status: 'open', priority: 'normal', dueIn: 4 * 60 * MIN }), // 16:00 PT: before 17:00
    ticket(4, { status: 'pending', priority: null, dueIn: 6 * 60 * MIN }), // 18:00 PT: after
    ticket(5, { status: 'hold', priority: 'low', stage: 'paused', dueIn: null }),
  ];
  const i = ready(popupView(data(tickets), NOW, opts)).instances[0]!;

  it('counts by status and by priority', () => {
    expect(Object.fromEntries(i.byStatus.map((c) => [c.label, c.count]))).toEqual({ New: 1, Open: 2, Pending: 1, 'On-hold': 1 });
    expect(Object.fromEntries(i.byPriority.map((c) => [c.label, c.count]))).toEqual({ Urgent: 1, High: 1, Normal: 1, Low: 1, 'No priority': 1 });
    expect(i.total).toBe(5);
  });

  it('counts breached tickets, and those breaching between now and the end of the shift', () => {
    expect(i.breached).toBe(1);
    expect(i.beforeShiftEnd).toBe(2);
  });

  it('says when Zendesk has more tickets than the search returned', () => {
    const d = data(tickets);
    d.snapshots[O]!.count = 1200;
    expect(ready(popupView(d, NOW, opts)).instances[0]!.truncated).toBe(true);
  });
});

describe('the ticket list', () => {
  it('sorts by next breach: breached first, then by deadline, then paused, met and no SLA', () => {
    const tickets = [
      ticket(10, { dueIn: null }),
      ticket(11, { stage: 'achieved', dueIn: -60 * MIN }),
      ticket(12, { stage: 'paused' }),
      ticket(13, { dueIn: 3 * 60 * MIN }),
      ticket(14, { dueIn: -2 * MIN }),
      ticket(15, { dueIn: 12 * MIN }),
      ticket(16, { dueIn: -90 * MIN }),
    ];
    const rows = ready(popupView(data(tickets), NOW, opts)).instances[0]!.rows;
    expect(rows.map((r) => r.id)).toEqual([16, 14, 15, 13, 12, 11, 10]);
    expect(rows.map((r) => [r.state, r.text])).toEqual([
      ['breached', '+1h 30m'],
      ['breached', '+2m'],
      ['critical', '12m'],
      ['ok', '3h 00m'],
      ['paused', 'Paused'],
      ['achieved', 'Met'],
      ['none', 'No SLA'],
    ]);
  });

  it('gives each row the state word and a description for screen readers, at minute granularity', () => {
    const at = (now: number) => ready(popupView(data([ticket(7, { dueIn: 12 * MIN, priority: 'high' })]), now, opts)).instances[0]!.rows[0]!;
    expect(at(NOW)).toMatchObject({ text: '12m', spoken: null, word: 'critical', metricLabel: 'First reply', description: 'First reply SLA: 12 minutes left, critical' });
    // The countdown text ticks each second; what is read does not.
    expect(at(NOW + 1000).text).toBe('11m');
    expect(at(NOW + 59_000).description).toBe(at(NOW + 1000).description);
    // Nor in the last minute, where the text counts seconds.
    expect(at(NOW + 12 * MIN - 30_000)).toMatchObject({ text: '30s', spoken: 'under 1m' });
    expect(at(NOW + 12 * MIN - 29_000).spoken).toBe('under 1m');
  });

  it('refuses to snooze urgent tickets, with the reason, and shows a running snooze', () => {
    const d = data([ticket(1, { priority: 'urgent', dueIn: 5 * MIN }), ticket(2, { dueIn: 50 * MIN })], { snoozes: { [`${O}|2`]: NOW + 60 * MIN } });
    const [urgent, snoozed] = ready(popupView(d, NOW, opts)).instances[0]!.rows;
    expect(urgent!.snoozeBlocked).toBe(URGENT_SNOOZE_REASON);
    expect(snoozed).toMatchObject({ snoozeBlocked: null, snoozedUntil: '13:00' });
    expect(snoozed!.description).toBe('First reply SLA: 50 minutes left, warning');
  });

  it('names the next ticket to work in the handbook’s order (urgent first)', () => {
    const d = data([ticket(1, { dueIn: -10 * MIN }), ticket(2, { priority: 'urgent', dueIn: 20 * MIN })]);
    expect(ready(popupView(d, NOW, opts)).next).toMatchObject({ id: 2, state: 'warning', text: '20m' });
  });
});

describe('the shift', () => {
  it('defaults to 17:00 in the browser’s zone when nothing (or something invalid) is stored', () => {
    expect(parseShift(undefined, 'Europe/Berlin')).toEqual({ end: '17:00', zone: 'Europe/Berlin' });
    expect(parseShift({ end: '25:00', zone: 'Europe/Berlin' }, 'UTC')).toEqual({ end: '17:00', zone: 'UTC' });
    expect(parseShift({ end: '09:30', zone: 'Mars/Olympus' }, 'UTC')).toEqual({ end: '17:00', zone: 'UTC' });
  });

  it('ends at the next 17:00 in its zone: today before it, tomorrow after it', () => {
    const shift = { end: '17:00', zone: 'America/Los_Angeles' };
    expect(new Date(shiftEndAt(shift, NOW)).toISOString()).toBe('2025-01-15T01:00:00.000Z');
    expect(new Date(shiftEndAt(shift, Date.UTC(2025, 0, 15, 2, 0))).toISOString()).toBe('2025-01-16T01:00:00.000Z');
  });

  it('is right across a DST change (the day after spring-forward in Berlin)', () => {
    const shift = { end: '17:00', zone: 'Europe/Berlin' };
    // Sat 29 Mar 2025 18:00 CET → Sun 30 Mar 17:00 CEST (15:00 UTC).
    expect(new Date(shiftEndAt(shift, Date.UTC(2025, 2, 29, 17, 0))).toISOString()).toBe('2025-03-30T15:00:00.000Z');
  });

  it('labels the shift end in its own zone', () => {
    expect(ready(popupView(data([]), NOW, opts)).shiftEnd).toBe('17:00');
  });
});

describe("the shift in the browser's own zone", () => {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  it.each([Date.UTC(2025, 0, 15, 2, 0), Date.UTC(2025, 2, 29, 17, 0), Date.UTC(2025, 9, 25, 23, 30), Date.UTC(2025, 6, 1, 16, 59)])(
    'ends when the same shift in the explicit zone ends (%i)',
    (now) => {
      expect(shiftEndAt({ end: '17:00', zone: LOCAL_ZONE }, now)).toBe(shiftEndAt({ end: '17:00', zone: browser }, now));
      expect(timeOfDay(now, LOCAL_ZONE)).toBe(timeOfDay(now, browser));
    },
  );

  it('is the default when nothing is stored', () => {
    expect(parseShift(undefined)).toEqual({ end: '17:00', zone: LOCAL_ZONE });
  });
});
