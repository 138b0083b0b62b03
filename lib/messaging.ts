/**
 * Messages between the content script and the worker. The worker validates every request with zod
 * (lib/background/sla-ingest.ts); replies come from this extension's own worker and are typed here.
 */
import type { BusinessWindow } from './sla/business-window';
import type { SlaMetric, SlaThresholds } from './sla/types';
import type { JudgedCriterionId, StarAssessment, StarForm, StarRecordView } from './star/types';
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

// ---------------------------------------------------------------------------------------------------------------
// STAR / escalation (lib/background/star.ts ↔ entrypoints/escalation.content). The worker validates requests
// with zod; replies are typed here.

export const STAR_CHECK = 'zso:star-check';
export const STAR_REQUEST = 'zso:star-request';
export const STAR_RETRY = 'zso:star-retry';
/** Worker → the active Zendesk tab: open the escalation dialog (the keyboard shortcut). */
export const OPEN_ESCALATION = 'zso:open-escalation';

export interface StarCheckRequest {
  type: typeof STAR_CHECK;
  ticketId: number;
}
export interface StarRequestMessage {
  type: typeof STAR_REQUEST;
  ticketId: number;
  form: StarForm;
  /** The judged criteria the agent ticked. */
  ticked: JudgedCriterionId[];
}
export interface StarRetryMessage {
  type: typeof STAR_RETRY;
  ticketId: number;
}
export interface OpenEscalationMessage {
  type: typeof OPEN_ESCALATION;
}

/** The actions a STAR will take with the current settings, for the confirmation. */
export interface StarActionsPlan {
  tag: string;
  form: boolean;
  slack: boolean;
  /** A settings problem to fix before the step can run (e.g. an unknown placeholder), by step. */
  problems: Partial<Record<'form' | 'slack', string>>;
}

export type StarCheckResponse =
  | { ok: true; assessment: StarAssessment; record: StarRecordView | null; actions: StarActionsPlan; existingTag: boolean }
  | { ok: false; message: string };

export type StarRequestResponse =
  | { ok: true; record: StarRecordView; created: boolean }
  | { ok: false; message: string };
