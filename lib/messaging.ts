/**
 * Messages between the content script and the worker. The worker validates every request with zod
 * (lib/background/sla-ingest.ts); replies come from this extension's own worker and are typed here.
 */
import type { BusinessWindow } from './sla/business-window';
import type { SlaMetric, SlaThresholds } from './sla/types';
import type { ApiError, RawResponse } from './zendesk/http';

export const SLA_INGEST = 'zso:sla-ingest';

/** The content script fetched SLA data on the Zendesk page; the worker validates it and computes the clocks. */
export interface SlaIngestRequest {
  type: typeof SLA_INGEST;
  ids: number[];
  raw: RawResponse;
}

export interface TicketClocks {
  ticketId: number;
  metrics: SlaMetric[];
}

export type SlaIngestResponse =
  /** `thresholds`: the team's warning and critical minutes (options page), so the page's states follow them (absent: the defaults). */
  | { ok: true; tickets: TicketClocks[]; serverDate: number | null; business: BusinessWindow; thresholds?: SlaThresholds }
  | { ok: false; error: ApiError };
