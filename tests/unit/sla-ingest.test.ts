import { describe, expect, it } from 'vitest';
import { handleSlaIngest } from '@/lib/background/sla-ingest';
import { SLA_INGEST } from '@/lib/messaging';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { SLA_PRESETS } from '@/lib/sla/presets';

const NOW = Date.parse('2026-11-17T18:00:00Z');
const deps = { now: () => NOW, preset: () => SLA_PRESETS.handbook, calendar: () => gitlabCalendar('global') };
const ticket = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'open',
  priority: 'normal',
  created_at: '2026-11-17T16:00:00Z',
  updated_at: '2026-11-17T16:00:00Z',
  via: { channel: 'email' },
  ...extra,
});
const raw = (body: unknown, status = 200) => ({ status, date: 'Tue, 17 Nov 2026 18:00:00 GMT', retryAfter: null, body: JSON.stringify(body) });

describe("the worker's SLA ingest", () => {
  it("returns Zendesk's clocks, and the preset's where Zendesk has none", () => {
    const reply = handleSlaIngest(
      {
        type: SLA_INGEST,
        ids: [1, 2],
        raw: raw({
          tickets: [
            ticket(1, { slas: { policy_metrics: [{ metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-17T19:00:00Z' }] } }),
            ticket(2, { slas: { policy_metrics: [] } }),
          ],
          metric_sets: [{ ticket_id: 2, replies: 0 }],
        }),
      },
      deps,
    );
    expect(reply).toMatchObject({
      ok: true,
      serverDate: NOW,
      tickets: [
        { ticketId: 1, metrics: [{ metric: 'first_reply_time', source: 'zendesk', dueAt: Date.parse('2026-11-17T19:00:00Z') }] },
        // Normal priority on the handbook table: 12 business hours from 16:00Z on a Tuesday (open all day).
        { ticketId: 2, metrics: [{ metric: 'first_reply_time', source: 'preset', dueAt: Date.parse('2026-11-18T04:00:00Z') }] },
      ],
    });
  });

  it('sends the business-hours window the page needs for "business time left"', () => {
    const reply = handleSlaIngest({ type: SLA_INGEST, ids: [1], raw: raw({ ticket: ticket(1) }) }, deps);
    expect(reply?.ok && reply.business.from).toBe(NOW - 7 * 86_400_000);
    expect(reply?.ok && reply.business.iv.length).toBeGreaterThan(0);
  });

  it('passes Zendesk errors on as messages a person can act on', () => {
    expect(handleSlaIngest({ type: SLA_INGEST, ids: [1], raw: raw({ error: 'Couldn\'t authenticate you' }, 401) }, deps)).toMatchObject({
      ok: false,
      error: { kind: 'signed-out' },
    });
  });

  it('refuses a request that is not shaped as one, without throwing', () => {
    expect(handleSlaIngest({ type: SLA_INGEST, ids: 'all', raw: {} }, deps)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(handleSlaIngest({ type: SLA_INGEST, ids: Array.from({ length: 101 }, (_, i) => i + 1), raw: raw({}) }, deps)).toMatchObject({ ok: false });
  });

  it('leaves other messages to other listeners', () => {
    expect(handleSlaIngest({ type: 'something-else' }, deps)).toBeNull();
    expect(handleSlaIngest('hello', deps)).toBeNull();
  });
});
