import { describe, expect, it } from 'vitest';
import { alertKey, dueAlerts, parseAlertKey, pruneLedger } from '@/lib/alerts/due-alerts';
import { nextTicket, workOrder } from '@/lib/alerts/next-ticket';
import { snoozeTicket, unsnoozeTicket } from '@/lib/alerts/snooze';
import { toolbarBadge } from '@/lib/alerts/toolbar-badge';
import { LEDGER_RETENTION_MS, snoozeKey, type QueueSnapshot, type QueueTicket } from '@/lib/storage';

const O = 'https://acme.zendesk.com';
const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 17, 15, 0, 0);
const LEAD = [60, 15, 5];

function ticket(id: number, dueInMin: number | null, extra: Partial<QueueTicket> = {}): QueueTicket {
  return {
    id,
    subject: `Ticket ${id}`,
    status: 'open',
    priority: 'normal',
    createdAt: NOW - id * MIN,
    updatedAt: NOW,
    metrics: dueInMin === null ? [] : [{ metric: 'first_reply_time', stage: 'active', source: 'zendesk', dueAt: NOW + dueInMin * MIN }],
    ...extra,
  };
}
const snap = (...tickets: QueueTicket[]): QueueSnapshot[] => [{ origin: O, fetchedAt: NOW, count: tickets.length, tickets }];

describe('which alerts are due', () => {
  it('sends the most urgent threshold passed and records the others as passed over', () => {
    const due = dueAlerts(snap(ticket(1, 4)), {}, LEAD, NOW, {});
    expect(due.send.map((a) => a.threshold)).toEqual([5]);
    expect(due.suppress.map((k) => parseAlertKey(k)?.threshold).sort()).toEqual([15, 60]);
  });

  it('sends nothing already in the ledger, and nothing less urgent than what was sent', () => {
    const key5 = alertKey(O, 1, 'first_reply_time', 5, NOW + 4 * MIN);
    const due = dueAlerts(snap(ticket(1, 4)), { [key5]: { recordedAt: NOW - MIN, sentAt: NOW - MIN } }, LEAD, NOW, {});
    expect(due.send).toEqual([]);
  });

  it('treats a deadline Zendesk moved as a new clock with its own alerts', () => {
    const old = alertKey(O, 1, 'first_reply_time', 15, NOW + 10 * MIN);
    const due = dueAlerts(snap(ticket(1, 12)), { [old]: { recordedAt: NOW - MIN, sentAt: NOW - MIN } }, LEAD, NOW, {});
    expect(due.send.map((a) => a.key)).toEqual([alertKey(O, 1, 'first_reply_time', 15, NOW + 12 * MIN)]);
  });

  it('marks a breach found long after it happened as late, and a fresh one as on time', () => {
    const due = dueAlerts(snap(ticket(1, -45), ticket(2, -1)), {}, LEAD, NOW, {});
    expect(due.send.map((a) => [a.ticketId, a.threshold, a.late])).toEqual([
      [1, 0, true],
      [2, 0, false],
    ]);
  });

  it('never alerts a breach older than the ledger keeps its entries', () => {
    const due = dueAlerts(snap(ticket(1, -LEDGER_RETENTION_MS / MIN - 1)), {}, LEAD, NOW, {});
    expect(due.send).toEqual([]);
  });

  it('ignores paused and achieved clocks', () => {
    const t = ticket(1, null, { metrics: [{ metric: 'next_reply_time', stage: 'paused', source: 'zendesk', dueAt: NOW - MIN }] });
    expect(dueAlerts(snap(t), {}, LEAD, NOW, {}).send).toEqual([]);
  });

  it('leaves out the breach alert when breach alerts are off', () => {
    expect(dueAlerts(snap(ticket(1, -1)), {}, LEAD, NOW, {}, { breach: false }).send.map((a) => a.threshold)).toEqual([5]);
  });

  it('holds back alerts of a snoozed ticket without recording them', () => {
    const due = dueAlerts(snap(ticket(1, 4)), {}, LEAD, NOW, { [snoozeKey(O, 1)]: NOW + MIN });
    expect(due).toEqual({ send: [], suppress: [] });
  });

  it('alerts an urgent ticket even when it is snoozed', () => {
    const due = dueAlerts(snap(ticket(1, 4, { priority: 'urgent' })), {}, LEAD, NOW, { [snoozeKey(O, 1)]: NOW + MIN });
    expect(due.send.map((a) => a.ticketId)).toEqual([1]);
  });
});

describe('snoozing', () => {
  it('snoozes a normal ticket until the given time', () => {
    const r = snoozeTicket({}, O, { id: 1, priority: 'high' }, NOW + 60 * MIN, NOW);
    expect(r).toEqual({ ok: true, snoozes: { [snoozeKey(O, 1)]: NOW + 60 * MIN } });
  });

  it('refuses to snooze an urgent ticket, and says why', () => {
    expect(snoozeTicket({}, O, { id: 1, priority: 'urgent' }, NOW + 60 * MIN, NOW)).toEqual({ ok: false, message: 'Ticket #1 is urgent: its alerts cannot be snoozed.' });
  });

  it('caps a snooze at a day and forgets expired ones', () => {
    const r = snoozeTicket({ [snoozeKey(O, 9)]: NOW - 1 }, O, { id: 1, priority: null }, NOW + 100 * 60 * MIN, NOW);
    expect(r).toEqual({ ok: true, snoozes: { [snoozeKey(O, 1)]: NOW + 24 * 60 * MIN } });
    expect(unsnoozeTicket({ [snoozeKey(O, 1)]: NOW + MIN }, O, 1)).toEqual({});
  });
});

describe('the alert ledger', () => {
  it('forgets entries whose deadline and decision are more than 7 days old', () => {
    const old = alertKey(O, 1, 'first_reply_time', 0, NOW - 8 * 24 * 60 * MIN);
    const recent = alertKey(O, 2, 'first_reply_time', 0, NOW - MIN);
    const pruned = pruneLedger(
      { [old]: { recordedAt: NOW - 8 * 24 * 60 * MIN, sentAt: NOW - 8 * 24 * 60 * MIN }, [recent]: { recordedAt: NOW, sentAt: NOW } },
      NOW,
    );
    expect(Object.keys(pruned)).toEqual([recent]);
  });

  it('reads an alert key back, ports and all', () => {
    expect(parseAlertKey(alertKey('http://127.0.0.1:4477', 101, 'next_reply_time', 15, NOW))).toEqual({
      origin: 'http://127.0.0.1:4477',
      ticketId: 101,
      metric: 'next_reply_time',
      threshold: 15,
      dueAt: NOW,
    });
    expect(parseAlertKey('something-else')).toBeNull();
  });
});

describe('the toolbar badge', () => {
  it('counts breached and critical tickets and is red when one is breached', () => {
    expect(toolbarBadge(snap(ticket(1, -5), ticket(2, 10), ticket(3, 30), ticket(4, null)), NOW)).toMatchObject({ text: '2', color: '#b3261e' });
  });

  it('is orange when the worst is critical', () => {
    expect(toolbarBadge(snap(ticket(2, 10), ticket(3, 300)), NOW)).toMatchObject({ text: '1', color: '#c2410c' });
  });

  it('is empty when nothing is breached or critical, and says so in its title', () => {
    const badge = toolbarBadge(snap(ticket(3, 30)), NOW);
    expect(badge.text).toBe('');
    expect(badge.title).toMatch(/nothing breached/);
  });

  it("follows the team's critical threshold from the options page", () => {
    const thresholds = { warningMinutes: 90, criticalMinutes: 45 };
    const badge = toolbarBadge(snap(ticket(3, 30), ticket(4, 60)), NOW, thresholds);
    expect(badge).toMatchObject({ text: '1', color: '#c2410c' });
    expect(badge.title).toBe('Zendesk SLA Overlay: 1 due within 45 minutes');
  });
});

describe('the next ticket to work', () => {
  it('puts emergencies first, then the clock due first, then the oldest among equals', () => {
    const order = workOrder(
      snap(
        ticket(1, 300),
        ticket(2, 120, { priority: 'urgent' }),
        ticket(3, -10),
        ticket(4, 30, { createdAt: NOW - 10 * MIN }),
        ticket(5, 30, { createdAt: NOW - 500 * MIN }),
        ticket(6, null),
      ),
      NOW,
    );
    expect(order.map((w) => w.ticket.id)).toEqual([2, 3, 5, 4, 1, 6]);
  });

  it('skips tickets waiting on someone else unless a clock still runs on them', () => {
    const order = workOrder(snap(ticket(1, null, { status: 'pending' }), ticket(2, 60, { status: 'pending' }), ticket(3, null, { status: 'hold' })), NOW);
    expect(order.map((w) => w.ticket.id)).toEqual([2]);
    expect(nextTicket(snap(ticket(1, null, { status: 'hold' })), NOW)).toBeNull();
  });
});
