/**
 * SLA data per ticket for one Zendesk page: a signal per ticket, fetched in batches (one show_many
 * request per batch of up to 100 ids, never one request per row), refreshed at a bounded rate, and
 * never overwritten by a failed or malformed response (the last good data stays, with the error).
 */
import { signal, type ReadonlySignal, type Signal } from '@preact/signals-core';
import type { BusinessWindow } from '../sla/business-window';
import type { SlaMetric, SlaThresholds } from '../sla/types';
import { SHOW_MANY_LIMIT, type ApiError } from '../zendesk/http';
import type { SlaLoad } from './sla-source';

export interface TicketEntry {
  ticketId: number;
  /** True once a good response arrived; the metrics are then the last good ones. */
  hasData: boolean;
  metrics: SlaMetric[];
  fetchedAt: number | null;
  /** The last request's failure, shown beside the last good data. Cleared by a success. */
  error: ApiError | null;
  loading: boolean;
}

export interface TicketStoreOptions {
  load: SlaLoad;
  now: () => number;
  /** Data older than this is refetched when a badge asks for it. */
  maxAgeMs?: number;
  /** Never refetch one ticket more often than this, even when asked. */
  minIntervalMs?: number;
  /** How long to gather ids before one batched request. */
  batchDelayMs?: number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  signal: AbortSignal;
}

/** Server clock minus local clock, measured from the `Date` header (1 s resolution). */
function skewFrom(serverDate: number, sentAt: number, receivedAt: number): number {
  // The Date header is truncated to the second: its midpoint is +500 ms.
  return serverDate + 500 - (sentAt + receivedAt) / 2;
}

export function createTicketStore(options: TicketStoreOptions) {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const minIntervalMs = options.minIntervalMs ?? 10_000;
  const batchDelayMs = options.batchDelayMs ?? 20;
  const entries = new Map<number, Signal<TicketEntry>>();
  const pending = new Set<number>();
  const inFlight = new Set<number>();
  /** Consecutive failures per ticket and when the next attempt may go out. */
  const failures = new Map<number, { count: number; retryAt: number }>();
  let flushScheduled = false;
  /** Tickets with a change-driven refetch waiting for the per-ticket minimum interval. */
  const refreshLater = new Set<number>();
  let blockedUntil = 0;
  /** Local clock correction: only applied when the server and this machine disagree by over 1.5 s. */
  const skewMs = signal(0);
  /** The latest business-hours window from the worker, for "business time left" in the details. */
  const business = signal<BusinessWindow | null>(null);
  /** The team's state thresholds, as the worker last sent them (undefined: the defaults). */
  const thresholds = signal<SlaThresholds | undefined>(undefined);

  function entrySignal(id: number): Signal<TicketEntry> {
    let s = entries.get(id);
    if (!s) {
      s = signal<TicketEntry>({ ticketId: id, hasData: false, metrics: [], fetchedAt: null, error: null, loading: false });
      entries.set(id, s);
    }
    return s;
  }

  function isDue(id: number, now: number, force: boolean): boolean {
    if (inFlight.has(id)) return false;
    const e = entrySignal(id).peek();
    if (now < (failures.get(id)?.retryAt ?? 0)) return false;
    // A failed ticket is retried once its backoff ends, not only when the last good data is a minute old.
    if (e.fetchedAt === null || failures.has(id)) return true;
    const age = now - e.fetchedAt;
    return force ? age >= minIntervalMs : age >= maxAgeMs;
  }

  function schedule(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    options.setTimeout(() => {
      flushScheduled = false;
      void flush();
    }, Math.max(batchDelayMs, blockedUntil - options.now()));
  }

  async function flush(): Promise<void> {
    if (options.signal.aborted || pending.size === 0) return;
    if (options.now() < blockedUntil) return schedule();
    const ids = [...pending];
    pending.clear();
    for (let i = 0; i < ids.length; i += SHOW_MANY_LIMIT) {
      void fetchBatch(ids.slice(i, i + SHOW_MANY_LIMIT));
    }
  }

  async function fetchBatch(ids: number[]): Promise<void> {
    for (const id of ids) {
      inFlight.add(id);
      const s = entrySignal(id);
      s.value = { ...s.peek(), loading: true };
    }
    const sentAt = options.now();
    const result = await options.load(ids, options.signal);
    const receivedAt = options.now();
    for (const id of ids) inFlight.delete(id);
    if (options.signal.aborted) return;
    if (result.ok) {
      if (result.serverDate !== null) {
        const skew = skewFrom(result.serverDate, sentAt, receivedAt);
        skewMs.value = Math.abs(skew) > 1500 ? Math.round(skew) : 0;
      }
      business.value = result.business;
      thresholds.value = result.thresholds;
      const byId = new Map(result.tickets.map((t) => [t.ticketId, t.metrics]));
      for (const id of ids) {
        const s = entrySignal(id);
        const metrics = byId.get(id);
        failures.delete(id);
        if (metrics) {
          s.value = { ticketId: id, hasData: true, metrics, fetchedAt: receivedAt, error: null, loading: false };
        } else {
          // show_many silently leaves out tickets that are gone or hidden from this agent.
          s.value = {
            ...s.peek(),
            fetchedAt: receivedAt,
            loading: false,
            error: { kind: 'not-found', message: 'Zendesk did not return this ticket: it may be deleted or hidden from you.' },
          };
        }
      }
      return;
    }
    const error = result.error;
    if (error.kind === 'aborted') return;
    if (error.retryAt) blockedUntil = Math.max(blockedUntil, error.retryAt);
    for (const id of ids) {
      const s = entrySignal(id);
      const prev = s.peek();
      const count = (failures.get(id)?.count ?? 0) + 1;
      // Back off 10 s, 20 s, 40 s ... up to about 5 minutes; a Retry-After wins when longer.
      const backoff = Math.min(320_000, 10_000 * 2 ** (count - 1));
      failures.set(id, { count, retryAt: Math.max(receivedAt + backoff, error.retryAt ?? 0) });
      // Keep the last good data; a 404 means there is nothing left to count down.
      s.value = error.kind === 'not-found'
        ? { ...prev, hasData: false, metrics: [], loading: false, error, fetchedAt: receivedAt }
        : { ...prev, loading: false, error, fetchedAt: prev.fetchedAt ?? receivedAt };
    }
  }

  return {
    skewMs: skewMs as ReadonlySignal<number>,
    business: business as ReadonlySignal<BusinessWindow | null>,
    thresholds: thresholds as ReadonlySignal<SlaThresholds | undefined>,
    entry(id: number): ReadonlySignal<TicketEntry> {
      return entrySignal(id);
    },
    /** Ask for fresh enough data for these tickets; batched with every other ask in the same moment. */
    want(ids: Iterable<number>): void {
      const now = options.now();
      let added = false;
      for (const id of ids) {
        if (!pending.has(id) && isDue(id, now, false)) {
          pending.add(id);
          added = true;
        }
      }
      if (added) schedule();
    },
    /** The SLA settings changed: every known ticket again, so the worker recomputes its clocks with them. */
    reload(): void {
      for (const id of entries.keys()) pending.add(id);
      schedule();
    },
    /**
     * The ticket changed (the agent submitted, a comment appeared): refetch as soon as the per-ticket minimum
     * interval allows, so a reply right after opening a ticket is still picked up.
     */
    invalidate(id: number): void {
      if (refreshLater.has(id)) return;
      const e = entrySignal(id).peek();
      const earliest = Math.max((e.fetchedAt ?? 0) + minIntervalMs, failures.get(id)?.retryAt ?? 0);
      refreshLater.add(id);
      options.setTimeout(() => {
        refreshLater.delete(id);
        if (options.signal.aborted) return;
        pending.add(id);
        schedule();
      }, Math.max(0, earliest - options.now()) + (inFlight.has(id) ? minIntervalMs : 0));
    },
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
