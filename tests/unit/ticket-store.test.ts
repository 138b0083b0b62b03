import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTicketStore } from '@/lib/content/ticket-store';
import { fakeZendesk, slaLoad } from '../support/fake-zendesk';

const NOW = Date.parse('2026-11-17T18:00:00Z');

function setup(tickets = Array.from({ length: 250 }, (_, i) => ({ id: i + 1 })), serverOffsetMs = 0) {
  const zendesk = fakeZendesk(tickets);
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await zendesk.fetch(input, init);
    const headers = new Headers(response.headers);
    headers.set('date', new Date(Date.now() + serverOffsetMs).toUTCString());
    return new Response(await response.text(), { status: response.status, headers });
  }) as typeof globalThis.fetch;
  const controller = new AbortController();
  const store = createTicketStore({
    load: slaLoad(fetch),
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    signal: controller.signal,
  });
  return { zendesk, store, controller };
}

describe('ticket store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'setInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('gathers every ask of the same moment into show_many requests of at most 100 ids', async () => {
    const { zendesk, store } = setup();
    store.want(Array.from({ length: 120 }, (_, i) => i + 1));
    store.want(Array.from({ length: 130 }, (_, i) => i + 121));
    await vi.advanceTimersByTimeAsync(50);
    expect(zendesk.requests).toHaveLength(3);
    expect(zendesk.requests.map((r) => new URL(r, 'https://x').searchParams.get('ids')!.split(',').length)).toEqual([100, 100, 50]);
  });

  it('does not refetch fresh data, and refetches once it is a minute old', async () => {
    const { zendesk, store } = setup();
    store.want([1, 2]);
    await vi.advanceTimersByTimeAsync(50);
    store.want([1, 2]);
    await vi.advanceTimersByTimeAsync(50);
    expect(zendesk.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    store.want([1, 2]);
    await vi.advanceTimersByTimeAsync(50);
    expect(zendesk.requests).toHaveLength(2);
  });

  it('refetches a changed ticket as soon as 10 seconds have passed since the last fetch, once', async () => {
    const { zendesk, store } = setup();
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    store.invalidate(1);
    store.invalidate(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(zendesk.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(zendesk.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(zendesk.requests).toHaveLength(2);
  });

  it('backs off after a failure and keeps the last good data', async () => {
    const { zendesk, store } = setup();
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    const good = store.entry(1).value.metrics;
    expect(store.entry(1).value.hasData).toBe(true);
    zendesk.failWith(500);
    await vi.advanceTimersByTimeAsync(60_000);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(1).value).toMatchObject({ hasData: true, metrics: good, error: { kind: 'server', status: 500 } });
    const after = zendesk.requests.length;
    store.want([1]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(zendesk.requests).toHaveLength(after); // within the 10 s back-off
    zendesk.failWith(null);
    await vi.advanceTimersByTimeAsync(6_000);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(1).value.error).toBeNull();
  });

  it('retries a ticket whose first load failed when the backoff ends, not a minute later', async () => {
    const { zendesk, store } = setup();
    zendesk.failWith(503);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(1).value).toMatchObject({ hasData: false, error: { kind: 'server' } });
    zendesk.failWith(null);
    await vi.advanceTimersByTimeAsync(10_000);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(1).value).toMatchObject({ hasData: true, error: null });
  });

  it('waits out Retry-After before sending anything after a 429', async () => {
    const zendesk = fakeZendesk([{ id: 1 }, { id: 2 }]);
    const realFetch = zendesk.fetch;
    let limited = true;
    const load = slaLoad(
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (limited) {
          limited = false;
          zendesk.requests.push('429');
          return new Response('{}', { status: 429, headers: { 'retry-after': '30' } });
        }
        return realFetch(input, init);
      }) as typeof globalThis.fetch,
    );
    const limitedStore = createTicketStore({ load, now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), signal: new AbortController().signal });
    limitedStore.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(limitedStore.entry(1).value.error?.kind).toBe('rate-limited');
    limitedStore.want([2]);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(zendesk.requests).toEqual(['429']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(zendesk.requests).toHaveLength(2);
    expect(limitedStore.entry(2).value.hasData).toBe(true);
  });

  it("measures the local clock against Zendesk's Date header", async () => {
    const { store } = setup(undefined, 10 * 60_000);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(Math.abs(store.skewMs.value - 10 * 60_000)).toBeLessThanOrEqual(1_000);
  });

  it('ignores a skew smaller than the Date header can show', async () => {
    const { store } = setup(undefined, 400);
    store.want([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.skewMs.value).toBe(0);
  });

  it('says a ticket Zendesk left out of show_many may be deleted', async () => {
    const { store } = setup([{ id: 1 }]);
    store.want([1, 99]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(99).value.error?.kind).toBe('not-found');
  });
});
