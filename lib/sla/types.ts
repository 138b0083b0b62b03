/** Types shared by the SLA engine, the badges, the worker and the popup. */

export const SLA_STATES = ['ok', 'warning', 'critical', 'breached', 'paused', 'achieved', 'none'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Where a deadline comes from: Zendesk's live `breach_at`, or the handbook table (a preset). */
export type SlaSource = 'zendesk' | 'preset';

/**
 * One SLA clock on a ticket. Times are epoch milliseconds (UTC). A metric is "running" when its stage
 * is active and it has a `dueAt`.
 */
export interface SlaMetric {
  /** Zendesk metric name (`first_reply_time`, `next_reply_time`, ...) or `answer_window` for the
   *  handbook's community channels ("not sooner than two days, within two weeks"). */
  metric: string;
  stage: 'active' | 'paused' | 'achieved';
  source: SlaSource;
  /** Breach moment; null when there is no running deadline. */
  dueAt: number | null;
  /** Answer windows only: the earliest moment the handbook wants an answer. */
  opensAt?: number | null;
  /** Preset metrics only: the target, for the details view ("12 business hours"). */
  target?: { minutes: number; businessHours: boolean; label: string } | null;
}

export interface SlaThresholds {
  /** Minutes left at or below which a running metric is "warning". */
  warningMinutes: number;
  /** Minutes left at or below which a running metric is "critical". */
  criticalMinutes: number;
}

export const DEFAULT_THRESHOLDS: SlaThresholds = { warningMinutes: 60, criticalMinutes: 15 };
