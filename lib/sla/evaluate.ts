/**
 * From a ticket to the SLA clocks a badge shows. Zendesk's live `breach_at` wins whenever the ticket has an SLA
 * policy (REFERENCE.md §0.2: agents cannot read policies or holidays, so re-computing would be a guess); the
 * presets cover tickets Zendesk has no SLA for. Everything here is pure and takes `now`.
 */
import type { MetricSet, Ticket } from '../zendesk/schemas';
import { type BusinessCalendar, businessDayMinutes } from './calendar';
import { classifyChannel, type PresetTarget, type SlaPreset } from './presets';
import type { SlaMetric } from './types';

export { metricState, metricStatus, mostUrgent, type MetricStatus } from './state';

const MINUTE_MS = 60_000;

export type SlaTicket = Pick<Ticket, 'status' | 'priority' | 'created_at' | 'via' | 'tags' | 'slas'>;
export type SlaMetricSet = Pick<MetricSet, 'replies' | 'requester_updated_at'>;

export interface PresetOptions {
  preset: SlaPreset;
  /** The business-hours calendar the preset's business targets run on (usually `gitlabCalendar()`). */
  calendar: BusinessCalendar;
}

function parseTime(iso: string | null | undefined): number | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
}

/** Zendesk's own clocks, as they are: stage and `breach_at` (the coarse minutes/hours/days are display-only). */
export function metricsFromZendesk(ticket: Pick<Ticket, 'slas'>): SlaMetric[] {
  return (ticket.slas?.policy_metrics ?? []).map((m) => ({
    metric: m.metric,
    stage: m.stage,
    source: 'zendesk',
    dueAt: parseTime(m.breach_at),
  }));
}

function targetMinutes(target: PresetTarget, calendar: BusinessCalendar): number {
  if (target.unit === 'business_days') return target.amount * businessDayMinutes(calendar);
  if (target.unit === 'days') return target.amount * 1440;
  return target.amount;
}

function targetOf(target: PresetTarget, calendar: BusinessCalendar): NonNullable<SlaMetric['target']> {
  const businessHours = target.unit === 'business_minutes' || target.unit === 'business_days';
  return { minutes: targetMinutes(target, calendar), businessHours, label: target.label };
}

function deadline(anchor: number, target: PresetTarget, calendar: BusinessCalendar): number {
  const t = targetOf(target, calendar);
  return t.businessHours ? calendar.addBusinessMinutes(anchor, t.minutes) : anchor + t.minutes * MINUTE_MS;
}

/**
 * The preset's clocks for a ticket Zendesk has no SLA on. Reply counts come from the ticket's metric set; without
 * one, a New ticket has had no reply, and for any other status the first reply is unknown, so this returns no
 * metric rather than guess (a wrong "breached" badge costs more trust than a missing one). Next reply runs from
 * the requester's last update; with no such timestamp it is left out for the same reason.
 */
export function metricsFromPreset(
  ticket: SlaTicket,
  metricSet: SlaMetricSet | undefined,
  { preset, calendar }: PresetOptions,
): SlaMetric[] {
  const created = parseTime(ticket.created_at);
  const replies = metricSet?.replies ?? (ticket.status === 'new' ? 0 : null);
  if (created === null || replies === null) return [];
  const priority = ticket.priority ?? preset.default_priority;
  const channel = priority === 'urgent' ? 'standard' : classifyChannel(ticket, preset);
  const rule = channel === 'standard' ? null : preset.channels[channel];
  const row = preset.priorities[priority];
  const done = ticket.status === 'solved' || ticket.status === 'closed';
  const firstDone = done || replies > 0;
  const out: SlaMetric[] = [];

  const first = rule?.first_reply;
  if (first?.kind === 'window') {
    out.push({
      metric: 'answer_window',
      stage: firstDone ? 'achieved' : 'active',
      source: 'preset',
      dueAt: firstDone ? null : deadline(created, first.closes_after, calendar),
      opensAt: firstDone ? null : deadline(created, first.opens_after, calendar),
      target: targetOf(first.closes_after, calendar),
    });
  } else {
    const target = first?.target ?? row.first_reply_time;
    out.push({
      metric: 'first_reply_time',
      stage: firstDone ? 'achieved' : 'active',
      source: 'preset',
      dueAt: firstDone ? null : deadline(created, target, calendar),
      target: targetOf(target, calendar),
    });
  }

  const next = rule ? rule.next_reply_time : row.next_reply_time;
  if (next && replies > 0) {
    const since = parseTime(metricSet?.requester_updated_at);
    const paused = ticket.status === 'pending' || ticket.status === 'hold';
    if (done || paused || since !== null) {
      out.push({
        metric: 'next_reply_time',
        stage: done ? 'achieved' : paused ? 'paused' : 'active',
        source: 'preset',
        dueAt: done || paused || since === null ? null : deadline(since, next, calendar),
        target: targetOf(next, calendar),
      });
    }
  }
  return out;
}

/** Zendesk's clocks when the ticket has any, else the preset's. */
export function ticketMetrics(ticket: SlaTicket, metricSet: SlaMetricSet | undefined, opts: PresetOptions): SlaMetric[] {
  return ticket.slas?.policy_metrics.length ? metricsFromZendesk(ticket) : metricsFromPreset(ticket, metricSet, opts);
}

/** Business minutes from `now` until a running metric is due (negative once breached); null when none runs. */
export function businessTimeLeft(metric: SlaMetric, now: number, calendar: BusinessCalendar): number | null {
  if (metric.stage !== 'active' || metric.dueAt === null) return null;
  return calendar.businessMinutesBetween(now, metric.dueAt);
}
