/**
 * Zendesk API responses, interpreted: HTTP errors become messages a person can act on, and bodies are
 * validated with zod. Failures are values, never exceptions, so callers keep their last good data.
 */
import type * as z from 'zod/mini';
import type { ApiError, RawResponse } from './http';
import { showManyResponseSchema, showTicketResponseSchema, type MetricSet, type Ticket } from './schemas';

export { SHOW_MANY_LIMIT, type ApiError, type ApiErrorKind } from './http';

export type ApiResult<T> = { ok: true; value: T; serverDate: number | null } | { ok: false; error: ApiError };

export interface TicketSlaData {
  ticket: Ticket;
  metricSet: MetricSet | undefined;
}

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

/** `Retry-After` as a positive number of seconds (what Zendesk sends), or null when absent, zero or a date. */
export function retryAfterSeconds(header: string | null): number | null {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** Turns a raw response into validated data or an error a person can act on. */
export function interpretResponse<S extends z.ZodMiniType>(raw: RawResponse, schema: S, now: number): ApiResult<z.infer<S>> {
  if (raw.status < 200 || raw.status >= 300) {
    const retrySec = retryAfterSeconds(raw.retryAfter);
    const error = describeStatus(raw.status, retrySec);
    if (retrySec !== null) error.retryAt = now + retrySec * 1000;
    return { ok: false, error };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.body);
  } catch {
    return { ok: false, error: { kind: 'malformed', status: raw.status, message: 'Zendesk sent a response that is not valid JSON. SLA data will be retried.' } };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    return {
      ok: false,
      error: { kind: 'malformed', status: raw.status, message: `Zendesk's response did not have the expected shape (at ${where}). The last known SLA times stay shown.` },
    };
  }
  const serverDate = raw.date ? Date.parse(raw.date) : NaN;
  return { ok: true, value: parsed.data, serverDate: Number.isFinite(serverDate) ? serverDate : null };
}

function pairMetricSets(tickets: Ticket[], sets: MetricSet[] | undefined): TicketSlaData[] {
  const byTicket = new Map((sets ?? []).map((s) => [s.ticket_id, s]));
  return tickets.map((ticket) => ({ ticket, metricSet: byTicket.get(ticket.id) }));
}

/** The SLA data of one ticket or up to 100, from a raw response to `ticketSlaPath(ids)`. */
export function interpretTicketSla(raw: RawResponse, ids: readonly number[], now: number): ApiResult<TicketSlaData[]> {
  if (ids.length === 1) {
    const r = interpretResponse(raw, showTicketResponseSchema, now);
    return r.ok ? { ...r, value: pairMetricSets([r.value.ticket], r.value.metric_sets) } : r;
  }
  const r = interpretResponse(raw, showManyResponseSchema, now);
  return r.ok ? { ...r, value: pairMetricSets(r.value.tickets, r.value.metric_sets) } : r;
}
