/**
 * The worker's half of loading SLA data for a Zendesk page: validate what the page fetched (zod), then
 * compute each ticket's clocks (Zendesk's live `breach_at` first, the preset where Zendesk has none). Doing
 * this here keeps zod, the presets and the calendar out of the content script that runs on every Zendesk page.
 */
import * as z from 'zod/mini';
import { SLA_INGEST, type SlaIngestResponse } from '../messaging';
import type { BusinessCalendar } from '../sla/calendar';
import { ticketMetrics } from '../sla/evaluate';
import type { SlaPreset } from '../sla/presets';
import { DEFAULT_THRESHOLDS, type SlaThresholds } from '../sla/types';
import { interpretTicketSla } from '../zendesk/api';
import { SHOW_MANY_LIMIT } from '../zendesk/http';

const requestSchema = z.object({
  type: z.literal(SLA_INGEST),
  ids: z.array(z.number().check(z.int(), z.positive())).check(z.minLength(1), z.maxLength(SHOW_MANY_LIMIT)),
  raw: z.object({ status: z.number(), date: z.nullable(z.string()), retryAfter: z.nullable(z.string()), body: z.string() }),
});

export interface IngestDeps {
  now: () => number;
  preset: () => SlaPreset;
  calendar: () => BusinessCalendar;
  /** The state thresholds from the settings; the defaults when absent. */
  thresholds?: () => SlaThresholds;
  /** What the answer carried, or its error, for the page check (lib/diagnostics/responses.ts). */
  observe?: (seen: IngestObservation) => void;
}

export type IngestObservation =
  | { ok: true; endpoint: 'ticket' | 'show_many'; tickets: number; withSlas: number; withMetricSets: number }
  | { ok: false; kind: string; status?: number };

const DAY = 86_400_000;
/** How far the business-time window reaches: breaches up to a week old, answer windows up to three weeks out. */
const WINDOW_BEFORE = 7 * DAY;
const WINDOW_AFTER = 21 * DAY;

/** Null when the message is not an ingest request (another listener's business). */
export function handleSlaIngest(message: unknown, deps: IngestDeps): SlaIngestResponse | null {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== SLA_INGEST) return null;
  const request = requestSchema.safeParse(message);
  if (!request.success) {
    return { ok: false, error: { kind: 'malformed', message: 'The page sent the extension a request it could not read. Reload the Zendesk tab.' } };
  }
  const now = deps.now();
  const result = interpretTicketSla(request.data.raw, request.data.ids, now);
  if (!result.ok) {
    deps.observe?.({ ok: false, kind: result.error.kind, status: result.error.status });
    return result;
  }
  deps.observe?.({
    ok: true,
    endpoint: request.data.ids.length === 1 ? 'ticket' : 'show_many',
    tickets: result.value.length,
    withSlas: result.value.filter((d) => d.ticket.slas !== undefined).length,
    withMetricSets: result.value.filter((d) => d.metricSet !== undefined).length,
  });
  const preset = deps.preset();
  const calendar = deps.calendar();
  const from = now - WINDOW_BEFORE;
  const to = now + WINDOW_AFTER;
  return {
    ok: true,
    serverDate: result.serverDate,
    tickets: result.value.map((d) => ({ ticketId: d.ticket.id, metrics: ticketMetrics(d.ticket, d.metricSet, { preset, calendar }) })),
    business: { from, to, iv: calendar.openIntervals(from, to) },
    thresholds: deps.thresholds?.() ?? DEFAULT_THRESHOLDS,
  };
}
