/**
 * Talking to Zendesk without interpreting the answer: the request paths, a fetch with a timeout, and the
 * error vocabulary. No zod here, so the content script can carry it; `api.ts` validates what comes back.
 */

export type ApiErrorKind =
  | 'signed-out'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'aborted'
  | 'extension';

export interface ApiError {
  kind: ApiErrorKind;
  status?: number;
  /** What went wrong and what to do, for a person. */
  message: string;
  /** For 429: when to try again (epoch ms). */
  retryAt?: number;
}

/** A response as it came, before anything trusts it. */
export interface RawResponse {
  status: number;
  date: string | null;
  retryAfter: string | null;
  body: string;
}

/** ids per show_many request: Zendesk's documented maximum. */
export const SHOW_MANY_LIMIT = 100;

/** One ticket, or up to 100, with their live SLA (`include=slas`) and metric sets (for the handbook fallback). */
export function ticketSlaPath(ids: readonly number[]): string {
  if (ids.length === 1) return `/api/v2/tickets/${ids[0]}?include=slas,metric_sets`;
  if (ids.length > SHOW_MANY_LIMIT) throw new RangeError(`show_many takes at most ${SHOW_MANY_LIMIT} ids`);
  return `/api/v2/tickets/show_many?ids=${ids.join(',')}&include=slas,metric_sets`;
}

export type RawResult = { ok: true; raw: RawResponse } | { ok: false; error: ApiError };

/**
 * A request with a timeout (covering the body too) and cancellation. Never throws. By default a GET with the
 * agent's session cookie (same origin); `init` makes it a write or changes the credentials (the STAR's PUT and
 * Slack post).
 */
export async function fetchRaw(
  doFetch: typeof fetch,
  url: string,
  options: { signal?: AbortSignal; timeoutMs?: number; init?: RequestInit } = {},
): Promise<RawResult> {
  const controller = new AbortController();
  const signal = options.signal;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  // 20 s; the e2e build (browser tests) gives up after 5 s. Vite folds the mode at build time.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? (import.meta.env?.MODE === 'e2e' ? 5_000 : 20_000));
  try {
    const response = await doFetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options.init, signal: controller.signal });
    const body = await response.text();
    return {
      ok: true,
      raw: { status: response.status, date: response.headers.get('date'), retryAfter: response.headers.get('retry-after'), body },
    };
  } catch {
    if (signal?.aborted) return { ok: false, error: { kind: 'aborted', message: 'Request cancelled.' } };
    if (timedOut) return { ok: false, error: { kind: 'timeout', message: 'Zendesk did not answer in time. SLA data will be retried.' } };
    return { ok: false, error: { kind: 'network', message: 'Zendesk could not be reached (offline?). SLA data will be retried once online.' } };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
