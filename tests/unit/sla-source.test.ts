import { describe, expect, it } from 'vitest';
import { createSlaSource } from '@/lib/content/sla-source';
import type { SlaIngestRequest } from '@/lib/messaging';

const fetch = (async () => new Response('{"tickets":[]}', { headers: { date: 'Tue, 17 Nov 2026 18:00:00 GMT' } })) as typeof globalThis.fetch;
const ok = { ok: true as const, tickets: [], serverDate: null, business: { from: 0, to: 0, iv: [] } };

describe("the page's SLA loader", () => {
  it('hands the raw response to the worker', async () => {
    const sent: SlaIngestRequest[] = [];
    const load = createSlaSource({ origin: 'https://acme.zendesk.com', fetch, send: async (r) => (sent.push(r), ok) });
    expect(await load([1, 2], new AbortController().signal)).toBe(ok);
    expect(sent).toEqual([{ type: 'zso:sla-ingest', ids: [1, 2], raw: { status: 200, date: 'Tue, 17 Nov 2026 18:00:00 GMT', retryAfter: null, body: '{"tickets":[]}' } }]);
  });

  it('retries once when the worker was shutting down', async () => {
    let calls = 0;
    const load = createSlaSource({
      origin: 'https://acme.zendesk.com',
      fetch,
      send: async () => {
        if (calls++ === 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return ok;
      },
    });
    expect(await load([1], new AbortController().signal)).toBe(ok);
    expect(calls).toBe(2);
  });

  it('says to reload the tab when the extension is gone', async () => {
    const load = createSlaSource({
      origin: 'https://acme.zendesk.com',
      fetch,
      send: async () => {
        throw new Error('Extension context invalidated.');
      },
    });
    expect(await load([1], new AbortController().signal)).toMatchObject({ ok: false, error: { kind: 'extension', message: expect.stringContaining('Reload this Zendesk tab') } });
  });
});
