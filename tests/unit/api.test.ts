import { describe, expect, it } from 'vitest';
import { interpretTicketSla } from '@/lib/zendesk/api';
import { fetchRaw, ticketSlaPath } from '@/lib/zendesk/http';

/** The page's fetch and the worker's interpretation, composed as the extension composes them. */
function createApiClient(options: { origin: string; fetch: typeof fetch; now?: () => number; timeoutMs?: number }) {
  return {
    async ticketsSla(ids: number[]) {
      const got = await fetchRaw(options.fetch, options.origin + ticketSlaPath(ids), { timeoutMs: options.timeoutMs });
      return got.ok ? interpretTicketSla(got.raw, ids, options.now?.() ?? Date.now()) : got;
    },
  };
}

const ORIGIN = 'https://acme.zendesk.com';
const TICKET = {
  id: 7,
  subject: 'Hello',
  status: 'open',
  priority: 'high',
  created_at: '2026-11-16T16:00:00Z',
  updated_at: '2026-11-16T16:05:00Z',
  via: { channel: 'web' },
  tags: [],
  slas: { policy_metrics: [{ metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-16T20:00:00Z', hours: 4 }] },
};

function respond(body: string, init: ResponseInit = {}) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return new Response(body, { headers: { 'content-type': 'application/json', ...(init.headers ?? {}) }, status: init.status ?? 200 });
  }) as typeof globalThis.fetch;
  return { api: createApiClient({ origin: ORIGIN, fetch, now: () => 1_000 }), calls };
}

describe('Zendesk API client', () => {
  it('asks for the live SLA and metric set of a ticket on the page origin', async () => {
    const { api, calls } = respond(JSON.stringify({ ticket: TICKET, metric_sets: [{ ticket_id: 7, replies: 0 }] }), {
      headers: { date: 'Mon, 16 Nov 2026 16:10:00 GMT' },
    });
    const result = await api.ticketsSla([7]);
    expect(calls).toEqual([`${ORIGIN}/api/v2/tickets/7?include=slas,metric_sets`]);
    expect(result.ok && result.value[0]?.ticket.slas?.policy_metrics[0]?.breach_at).toBe('2026-11-16T20:00:00Z');
    expect(result.ok && result.value[0]?.metricSet?.replies).toBe(0);
    expect(result.ok && result.serverDate).toBe(Date.parse('2026-11-16T16:10:00Z'));
  });

  it('accepts fields Zendesk adds later and optional fields it leaves out', async () => {
    const drifted = { ...TICKET, brand_new_field: { x: 1 }, tags: undefined, via: undefined };
    const { api } = respond(JSON.stringify({ tickets: [drifted, { ...TICKET, id: 8 }] }));
    const result = await api.ticketsSla([7, 8]);
    expect(result.ok).toBe(true);
  });

  it('refuses a response whose SLA field has the wrong type, naming where', async () => {
    const { api } = respond(JSON.stringify({ ticket: { ...TICKET, slas: { policy_metrics: 'soon' } } }));
    const result = await api.ticketsSla([7]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(!result.ok && result.error.message).toContain('ticket.slas.policy_metrics');
  });

  it('says so when the body is not JSON', async () => {
    const { api } = respond('<html>maintenance</html>');
    expect(await api.ticketsSla([7])).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it.each([
    [401, 'signed-out', 'Sign in to Zendesk again'],
    [403, 'forbidden', '403'],
    [404, 'not-found', 'no longer exists'],
    [500, 'server', '500'],
    [502, 'server', '502'],
    [503, 'server', '503'],
  ])('turns HTTP %i into a %s error a person can act on', async (status, kind, text) => {
    const { api } = respond('{}', { status });
    const result = await api.ticketsSla([7]);
    expect(result).toMatchObject({ ok: false, error: { kind, status } });
    expect(!result.ok && result.error.message).toContain(text);
  });

  it('honours Retry-After on 429', async () => {
    const { api } = respond('{}', { status: 429, headers: { 'retry-after': '30' } });
    const result = await api.ticketsSla([7]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: 31_000 } });
    expect(!result.ok && result.error.message).toContain('in 30 s');
  });

  it('reports the network being down', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const api = createApiClient({ origin: ORIGIN, fetch });
    expect(await api.ticketsSla([7])).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('gives up on a request that never answers', async () => {
    const fetch = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof globalThis.fetch;
    const api = createApiClient({ origin: ORIGIN, fetch, timeoutMs: 20 });
    expect(await api.ticketsSla([7])).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('never asks show_many for more than 100 tickets', async () => {
    const { api } = respond('{"tickets":[]}');
    await expect(api.ticketsSla(Array.from({ length: 101 }, (_, i) => i + 1))).rejects.toThrow(RangeError);
  });
});
