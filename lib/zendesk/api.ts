/**
 * Zendesk API client for the agent's own page: same-origin `fetch` with the agent's session cookie
 * (REFERENCE.md §1.9), every response validated with zod. Failures are values a person can act on,
 * never exceptions, so callers keep their last good data.
 */
import type * as z from 'zod/mini';
import {
  showManyResponseSchema,
  showTicketResponseSchema,
  type MetricSet,
  type Ticket,
} from './schemas';

export type ApiErrorKind =
  | 'signed-out'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'aborted';

export interface ApiError {
  kind: ApiErrorKind;
  status?: number;
  /** What went wrong and what to do, for a person. */
  message: string;
  /** For 429: when to try again (epoch ms). */
  retryAt?: number;
}

export type ApiResult<T> = { ok: true; value: T; serverDate: number | null } | { ok: false; error: ApiError };

export interface ApiClientOptions {
  /** The Zendesk origin, e.g. https://acme.zendesk.com. */
  origin: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

export interface TicketSlaData {
  ticket: Ticket;
  metricSet: MetricSet | undefined;
}

/** ids per show_many request: Zendesk's documented maximum. */
export const SHOW_MANY_LIMIT = 100;

function describeStatus(status: number, retryAfterSec: number | null): ApiError {
  switch (status) {
    case 401:
      return { kind: 'signed-out', status, message: 'Zendesk says you are signed out. Sign in to Zendesk again, then reload this page.' };
    case 403:
      return { kind: 'forbidden', status, message: 'Zendesk refused access to this ticket (403). Ask an admin whether your role can see it.' };
    case 404:
      return { kind: 'not-found', status, message: 'This ticket no longer exists or you can no longer see it (404).' };
    case 429:
      return {
        kind: 'rate-limited',
        status,
        message: `Zendesk's API rate limit was reached (429). SLA data will refresh ${retryAfterSec ? `in ${retryAfterSec} s` : 'shortly'}.`,
      };
    default:
      return {
        kind: 'server',
        status,
        message: `Zendesk answered with an error (${status}). SLA data will be retried; the last known times stay shown.`,
      };
  }
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? (() => Date.now());
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function getJson<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<ApiResult<z.infer<S>>> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(options.origin + path, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
      const dateHeader = response.headers.get('date');
      const serverDate = dateHeader ? Date.parse(dateHeader) : NaN;
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const retrySec = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
        const error = describeStatus(response.status, retrySec);
        if (retrySec !== null) error.retryAt = now() + retrySec * 1000;
        return { ok: false, error };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return { ok: false, error: { kind: 'malformed', status: response.status, message: 'Zendesk sent a response that is not valid JSON. SLA data will be retried.' } };
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? issue.path.join('.') || '(root)' : '(root)';
        return {
          ok: false,
          error: { kind: 'malformed', status: response.status, message: `Zendesk's response did not have the expected shape (at ${where}). The last known SLA times stay shown.` },
        };
      }
      return { ok: true, value: parsed.data, serverDate: Number.isFinite(serverDate) ? serverDate : null };
    } catch {
      if (signal?.aborted) return { ok: false, error: { kind: 'aborted', message: 'Request cancelled.' } };
      if (timedOut) return { ok: false, error: { kind: 'timeout', message: 'Zendesk did not answer in time. SLA data will be retried.' } };
      return { ok: false, error: { kind: 'network', message: 'Zendesk could not be reached (offline?). SLA data will be retried when the connection is back.' } };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  function pairMetricSets(tickets: Ticket[], sets: MetricSet[] | undefined): TicketSlaData[] {
    const byTicket = new Map((sets ?? []).map((s) => [s.ticket_id, s]));
    return tickets.map((ticket) => ({ ticket, metricSet: byTicket.get(ticket.id) }));
  }

  return {
    /** One ticket with its live SLA (`include=slas`) and metric set (for the handbook fallback). */
    async ticketSla(id: number, signal?: AbortSignal): Promise<ApiResult<TicketSlaData>> {
      const result = await getJson(`/api/v2/tickets/${id}?include=slas,metric_sets`, showTicketResponseSchema, signal);
      if (!result.ok) return result;
      const [data] = pairMetricSets([result.value.ticket], result.value.metric_sets);
      return { ok: true, value: data!, serverDate: result.serverDate };
    },
    /** Up to 100 tickets in one request. Tickets Zendesk does not return are absent from the result. */
    async ticketsSla(ids: number[], signal?: AbortSignal): Promise<ApiResult<TicketSlaData[]>> {
      if (ids.length > SHOW_MANY_LIMIT) throw new RangeError(`show_many takes at most ${SHOW_MANY_LIMIT} ids`);
      const result = await getJson(`/api/v2/tickets/show_many?ids=${ids.join(',')}&include=slas,metric_sets`, showManyResponseSchema, signal);
      if (!result.ok) return result;
      return { ok: true, value: pairMetricSets(result.value.tickets, result.value.metric_sets), serverDate: result.serverDate };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
