/**
 * What a badge says, computed from a ticket's SLA metrics and the clock: a pure function, so the
 * badge component only renders and tests can pin every state and boundary.
 */
import { formatCompactDuration, formatDeadline } from '../time';
import { metricState, mostUrgent } from './state';
import type { SlaMetric, SlaState, SlaThresholds } from './types';

export const STATE_WORDS: Record<SlaState, string> = {
  ok: 'On track',
  warning: 'Warning',
  critical: 'Critical',
  breached: 'Breached',
  paused: 'Paused',
  achieved: 'Achieved',
  none: 'No SLA',
};

const METRIC_LABELS: Record<string, string> = {
  first_reply_time: 'First reply',
  next_reply_time: 'Next reply',
  periodic_update_time: 'Periodic update',
  pausable_update_time: 'Pausable update',
  requester_wait_time: 'Requester wait',
  agent_work_time: 'Agent work',
  total_resolution_time: 'Resolution',
  answer_window: 'Answer window',
};

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export interface BadgeMetricView {
  metric: string;
  label: string;
  state: SlaState;
  stateWord: string;
  /** "12m left", "5m overdue", "Paused", ... */
  summary: string;
  /** Business time left on the team's schedule, when the metric is running. */
  businessLeft: string | null;
  /** "Due Tue 17 Nov, 14:05 (PST)" in the agent's own zone; "Was due ..." once achieved. */
  deadline: string | null;
  /** Answer windows: when the handbook wants the answer at the earliest. */
  opens: string | null;
  source: string;
}

export interface BadgeView {
  state: SlaState;
  metric: string | null;
  /** ISO 8601 UTC of the running deadline shown; null when none runs. */
  dueIso: string | null;
  dueAt: number | null;
  /** The compact text on the badge: "12m", "3h 05m", "+5m". */
  text: string;
  /**
   * The accessible name is the visible text with words around it (WCAG 2.5.3, label in name): `lead`, read
   * before the text and not shown ("First reply SLA:"); the text, or `spoken` in its place; then `word`.
   */
  lead: string;
  /**
   * Read in place of `text` while the text counts seconds (the last minute before a deadline and the first after
   * it): a focused button whose name changes is announced again by screen readers (NVDA speaks every name change
   * of the focus), and sixty announcements in the most urgent minute drown the agent's own reading. So the name
   * changes once a minute ("under 1m"), like the rest of the countdown; the seconds stay on screen. Null: the
   * text is read as shown.
   */
  spoken: string | null;
  /** The state word ("Critical") for places that do not show it; '' when the text already says it. */
  word: string;
  /** The state in a sentence, in minutes ("First reply SLA: 12 minutes left, critical"): the badge's description. */
  description: string;
  metrics: BadgeMetricView[];
  error: string | null;
  loading: boolean;
}

export interface BadgeViewOptions {
  /** The team's warning and critical minutes; undefined: DEFAULT_THRESHOLDS. */
  thresholds: SlaThresholds | undefined;
  /** Business minutes between two instants on the team's schedule; null when unknown. */
  businessMinutesBetween: (from: number, to: number) => number | null;
  /** The agent's IANA time zone. */
  zone: string;
  locale?: string;
  /** False skips the per-metric details (deadlines go through Intl): lists that show only the headline. */
  details?: boolean;
}

export interface BadgeInput {
  metrics: SlaMetric[];
  hasData: boolean;
  error: { message: string } | null;
  loading: boolean;
}

function minutesPhrase(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}

function isRunning(state: SlaState): boolean {
  return state === 'ok' || state === 'warning' || state === 'critical' || state === 'breached';
}

function describeMetric(m: SlaMetric, now: number, options: BadgeViewOptions): BadgeMetricView {
  const state = metricState(m, now, options.thresholds);
  const label = metricLabel(m.metric);
  const notOpenYet = m.opensAt != null && now < m.opensAt;
  let summary: string;
  if (state === 'paused') summary = 'Paused';
  else if (state === 'achieved') summary = 'Achieved';
  else if (m.dueAt === null) summary = 'No running deadline';
  else if (state === 'breached') summary = `${formatCompactDuration(now - m.dueAt)} overdue`;
  else if (notOpenYet) summary = `Opens in ${formatCompactDuration(m.opensAt! - now)}, closes in ${formatCompactDuration(m.dueAt - now)}`;
  else summary = `${formatCompactDuration(m.dueAt - now)} left`;
  let businessLeft: string | null = null;
  if (isRunning(state) && m.dueAt !== null) {
    const minutes = options.businessMinutesBetween(now, m.dueAt);
    if (minutes !== null) {
      businessLeft = minutes >= 0 ? `${formatCompactDuration(minutes * 60_000)} of business time left` : `${formatCompactDuration(-minutes * 60_000)} of business time overdue`;
    }
  }
  const source = m.source === 'zendesk'
    ? 'Zendesk SLA policy (live breach time)'
    : `Handbook table${m.target ? `: ${m.target.label}` : ''} (Zendesk has no SLA on this ticket)`;
  return {
    metric: m.metric,
    label,
    state,
    stateWord: STATE_WORDS[state],
    summary,
    businessLeft,
    deadline:
      m.dueAt === null || state === 'paused'
        ? null
        : `${m.opensAt != null ? 'Answer by' : state === 'achieved' ? 'Was due' : 'Due'} ${formatDeadline(m.dueAt, options.zone, options.locale)}`,
    opens: m.opensAt != null ? formatDeadline(m.opensAt, options.zone, options.locale) : null,
    source,
  };
}

export function badgeView(input: BadgeInput, now: number, options: BadgeViewOptions): BadgeView {
  const metrics = options.details === false ? [] : input.metrics.map((m) => describeMetric(m, now, options));
  const primary = mostUrgent(input.metrics, now);
  const error = input.error?.message ?? null;
  if (!primary) {
    const waiting = !input.hasData && (input.loading || !error);
    const spoken = waiting ? 'SLA loading' : error && !input.hasData ? 'SLA unknown' : null;
    return {
      state: 'none',
      metric: null,
      dueIso: null,
      dueAt: null,
      text: waiting ? '…' : error && !input.hasData ? 'SLA ?' : 'No SLA',
      lead: '',
      spoken,
      word: '',
      description: spoken === 'SLA unknown' ? `SLA unknown: ${error}` : spoken ?? 'No SLA on this ticket',
      metrics,
      error,
      loading: input.loading,
    };
  }
  const state = metricState(primary, now, options.thresholds);
  const label = metricLabel(primary.metric);
  const running = isRunning(state) && primary.dueAt !== null;
  const due = primary.dueAt;
  let text: string;
  let spoken: string;
  // The visible text counts seconds below a minute; the name says "under 1m" instead (see `spoken`).
  const seconds = (ms: number, before = '') => (Math.abs(ms) < 60_000 ? `${before}under 1m` : null);
  let instead: string | null = null;
  if (state === 'paused') {
    text = 'Paused';
    spoken = `${label} SLA paused`;
  } else if (state === 'achieved') {
    text = 'Met';
    spoken = `${label} SLA achieved`;
  } else if (due === null) {
    text = 'No SLA';
    spoken = 'No running SLA';
  } else if (state === 'breached') {
    text = `+${formatCompactDuration(now - due)}`;
    instead = seconds(now - due, '+');
    spoken = `${label} SLA breached ${minutesPhrase(now - due)} ago`;
  } else if (primary.opensAt != null && now < primary.opensAt) {
    text = `opens ${formatCompactDuration(primary.opensAt - now)}`;
    instead = seconds(primary.opensAt - now, 'opens in ');
    spoken = `${label}: opens in ${minutesPhrase(primary.opensAt - now)}`;
  } else {
    text = formatCompactDuration(due - now);
    instead = seconds(due - now);
    spoken = `${label} SLA: ${minutesPhrase(due - now)} left, ${STATE_WORDS[state].toLowerCase()}`;
  }
  return {
    state,
    metric: primary.metric,
    dueIso: running ? new Date(due!).toISOString() : null,
    dueAt: running ? due : null,
    text,
    lead: `${label} SLA:`,
    spoken: instead,
    word: running ? STATE_WORDS[state] : '',
    description: spoken,
    metrics,
    error,
    loading: input.loading,
  };
}
