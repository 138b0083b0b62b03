/**
 * The state of an SLA clock at a moment, and which clock a badge shows. Pure and small, with no calendar or
 * schema, because the content script renders with it on every tick.
 */
import { DEFAULT_THRESHOLDS, type SlaMetric, type SlaState, type SlaThresholds } from './types';

const MINUTE_MS = 60_000;

export interface MetricStatus {
  state: SlaState;
  /** Calendar ms until `dueAt` (negative when breached); null when nothing is running. */
  msLeft: number | null;
  /** Answer windows only: `now` is before `opensAt`, so the handbook wants the agent to wait. */
  notYetOpen: boolean;
}

/** State plus what a badge needs to render it: time left and whether an answer window is still closed. */
export function metricStatus(metric: SlaMetric, now: number, thresholds: SlaThresholds = DEFAULT_THRESHOLDS): MetricStatus {
  if (metric.stage !== 'active') return { state: metric.stage, msLeft: null, notYetOpen: false };
  if (metric.dueAt === null) return { state: 'none', msLeft: null, notYetOpen: false };
  const msLeft = metric.dueAt - now;
  const notYetOpen = metric.opensAt != null && now < metric.opensAt;
  let state: SlaState = 'ok';
  if (msLeft <= 0) state = 'breached';
  else if (notYetOpen) state = 'ok';
  else if (msLeft <= thresholds.criticalMinutes * MINUTE_MS) state = 'critical';
  else if (msLeft <= thresholds.warningMinutes * MINUTE_MS) state = 'warning';
  return { state, msLeft, notYetOpen };
}

export function metricState(metric: SlaMetric, now: number, thresholds: SlaThresholds = DEFAULT_THRESHOLDS): SlaState {
  return metricStatus(metric, now, thresholds).state;
}

/**
 * The one metric a badge shows: the running metric due first, else a paused one, else an achieved one, else
 * null. Breached metrics come first because they are due at or before `now` and every other one after it. On a
 * tie the first reply wins: it is the contractual clock. `now` is part of the signature so callers never need
 * to change when ranking starts to depend on it (e.g. answer windows not yet open).
 */
export function mostUrgent(metrics: readonly SlaMetric[], _now: number): SlaMetric | null {
  let best: SlaMetric | null = null;
  for (const m of metrics) {
    if (m.stage !== 'active' || m.dueAt === null) continue;
    const bestDue = best?.dueAt ?? Infinity;
    if (m.dueAt < bestDue || (m.dueAt === bestDue && m.metric === 'first_reply_time')) best = m;
  }
  return best ?? metrics.find((m) => m.stage === 'paused') ?? metrics.find((m) => m.stage === 'achieved') ?? null;
}

