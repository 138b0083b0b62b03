/**
 * What the toolbar popup shows, computed from storage and the clock: a pure function, so the popup component
 * only renders and tests pin every state. Countdowns and states come from `badgeView`, the function the page
 * badges render with, so the popup and the page never disagree.
 */
import { nextTicket } from '../alerts/next-ticket';
import { onLocalClock } from '../alerts/toolbar-badge';
import { badgeView, metricLabel, STATE_WORDS } from '../sla/badge-view';
import type { SlaState, SlaThresholds } from '../sla/types';
import { snoozeKey, type Instance, type PollStates, type QueueSnapshots, type QueueTicket, type Snoozes } from '../storage';
import { LOCAL_ZONE, shiftEndAt, type Shift } from './shift';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Older than this, the queue is marked stale (the poller's own freshness limit, SNAPSHOT_FRESH_MS). */
export const STALE_AFTER_MS = 5 * MINUTE_MS;

export interface PopupData {
  instances: Instance[];
  pollStates: PollStates;
  snapshots: QueueSnapshots;
  snoozes: Snoozes;
  shift: Shift;
  /** The team's state thresholds (options page); absent: the defaults, as on the page badges. */
  thresholds?: SlaThresholds;
  /** The snooze the menu offers first (options page); absent: an hour. */
  snoozeDefault?: 'hour' | 'shift';
}

export interface PopupOptions {
  /** The agent's IANA zone, for times of day ("until 17:00"). */
  zone: string;
  locale?: string;
}

export interface TicketRow {
  origin: string;
  id: number;
  subject: string;
  status: QueueTicket['status'];
  priority: QueueTicket['priority'];
  state: SlaState;
  stateWord: string;
  /** The badge's compact countdown: "12m", "3h 05m", "+5m", "Paused". */
  text: string;
  /** "First reply", or null when no clock applies. */
  metricLabel: string | null;
  /** The running deadline (for the shared ticker's second mode); null when none runs. */
  dueAt: number | null;
  /** Read in place of `text` while it counts seconds, so the row's name changes once a minute (`BadgeView.spoken`). */
  spoken: string | null;
  /** The state word, read after the visible metric ("First reply" SLA "critical"); '' when no clock runs. */
  word: string;
  /** The row's description for screen readers, in minutes: "First reply SLA breached 30 minutes ago". */
  description: string;
  snoozedUntil: string | null;
  /** Why this ticket cannot be snoozed (urgent), or null when it can. */
  snoozeBlocked: string | null;
  /** The snooze offered first in the row's menu. */
  snoozeFirst: 'hour' | 'shift';
}

export interface Count {
  key: string;
  label: string;
  count: number;
}

export type InstanceStatus = 'ready' | 'waiting' | 'signed-out' | 'error';

export interface InstanceView {
  origin: string;
  /** "acme.zendesk.com" */
  host: string;
  status: InstanceStatus;
  /** The last poll's error, for a person; null when the last poll worked. */
  error: string | null;
  /** "updated 4 min ago"; null before the first successful poll. */
  updated: string | null;
  stale: boolean;
  byStatus: Count[];
  byPriority: Count[];
  total: number;
  /** Zendesk reported more tickets than the search returned (it stops at 1,000). */
  truncated: boolean;
  breached: number;
  /** Running clocks that breach after now and before the end of the shift. */
  beforeShiftEnd: number;
  rows: TicketRow[];
}

export interface NextTicketView {
  origin: string;
  id: number;
  subject: string;
  state: SlaState;
  text: string;
  spoken: string | null;
  description: string;
}

export type PopupView =
  | { kind: 'loading' }
  | { kind: 'no-instance' }
  | { kind: 'ready'; instances: InstanceView[]; next: NextTicketView | null; shiftEnd: string; shiftEndAt: number };

const STATUS_LABELS: [QueueTicket['status'], string][] = [
  ['new', 'New'],
  ['open', 'Open'],
  ['pending', 'Pending'],
  ['hold', 'On-hold'],
  ['solved', 'Solved'],
  ['closed', 'Closed'],
];
const PRIORITY_LABELS: [string, string][] = [
  ['urgent', 'Urgent'],
  ['high', 'High'],
  ['normal', 'Normal'],
  ['low', 'Low'],
  ['none', 'No priority'],
];

export const URGENT_SNOOZE_REASON = 'Urgent tickets cannot be snoozed: emergencies always alert.';

/** "updated just now", "updated 4 min ago", "updated 2 h ago", "updated 3 days ago"; rounds down. */
export function updatedText(fetchedAt: number, now: number): string {
  const ms = Math.max(0, now - fetchedAt);
  if (ms < MINUTE_MS) return 'updated just now';
  if (ms < HOUR_MS) return `updated ${Math.floor(ms / MINUTE_MS)} min ago`;
  if (ms < 24 * HOUR_MS) return `updated ${Math.floor(ms / HOUR_MS)} h ago`;
  const days = Math.floor(ms / (24 * HOUR_MS));
  return `updated ${days} day${days === 1 ? '' : 's'} ago`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();
/** "17:00" in `zone`. */
export function timeOfDay(at: number, zone: string, locale = 'en-GB'): string {
  if (zone === LOCAL_ZONE) {
    const d = new Date(at);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
  const key = `${locale}|${zone}`;
  let f = timeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(key, f);
  }
  return f.format(at);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

// Rows need neither business time nor a deadline in words: the popup shows the compact countdown only.
const ROW_VIEW_OPTIONS = { businessMinutesBetween: () => null, zone: 'UTC', details: false };

function ticketRow(origin: string, t: QueueTicket, now: number, data: PopupData, options: PopupOptions): TicketRow {
  const snoozes = data.snoozes;
  const v = badgeView({ metrics: t.metrics, hasData: true, error: null, loading: false }, now, { ...ROW_VIEW_OPTIONS, thresholds: data.thresholds });
  const snoozeUntil = snoozes[snoozeKey(origin, t.id)];
  const snoozedUntil = snoozeUntil !== undefined && snoozeUntil > now ? timeOfDay(snoozeUntil, options.zone, options.locale) : null;
  return {
    origin,
    id: t.id,
    subject: t.subject || '(no subject)',
    status: t.status,
    priority: t.priority,
    state: v.state,
    stateWord: STATE_WORDS[v.state],
    text: v.text,
    metricLabel: v.metric ? metricLabel(v.metric) : null,
    dueAt: v.dueAt,
    spoken: v.spoken,
    word: v.word.toLowerCase(),
    description: v.description,
    snoozedUntil,
    snoozeBlocked: t.priority === 'urgent' ? URGENT_SNOOZE_REASON : null,
    snoozeFirst: data.snoozeDefault ?? 'hour',
  };
}

const REST_ORDER: Record<SlaState, number> = { breached: 0, critical: 0, warning: 0, ok: 0, paused: 1, achieved: 2, none: 3 };

/** By next breach: running clocks by deadline (breached ones first), then paused, met, and no SLA. */
export function compareRows(a: TicketRow, b: TicketRow): number {
  if (a.dueAt !== null && b.dueAt !== null && a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if ((a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
  return REST_ORDER[a.state] - REST_ORDER[b.state] || a.id - b.id;
}

function instanceView(instance: Instance, data: PopupData, now: number, shiftEnd: number, options: PopupOptions): InstanceView {
  const origin = instance.origin;
  const stored = data.snapshots[origin];
  // Countdowns against the local clock, corrected by the skew Zendesk's Date header showed at the poll.
  const snapshot = stored ? onLocalClock(stored) : undefined;
  const lastError = data.pollStates[origin]?.lastError ?? null;
  const rows = (snapshot?.tickets ?? []).map((t) => ticketRow(origin, t, now, data, options)).sort(compareRows);
  const tickets = snapshot?.tickets ?? [];
  const byStatus = STATUS_LABELS.map(([key, label]) => ({ key, label, count: tickets.filter((t) => t.status === key).length }))
    .filter((c) => c.count > 0 || c.key === 'new' || c.key === 'open');
  const byPriority = PRIORITY_LABELS.map(([key, label]) => ({ key, label, count: tickets.filter((t) => (t.priority ?? 'none') === key).length }))
    .filter((c) => c.count > 0 || c.key !== 'none');
  let status: InstanceStatus = 'ready';
  if (lastError?.kind === 'signed-out') status = 'signed-out';
  else if (lastError) status = 'error';
  else if (!snapshot) status = 'waiting';
  return {
    origin,
    host: hostOf(origin),
    status,
    error: lastError && lastError.kind !== 'signed-out' ? lastError.message : null,
    updated: snapshot ? updatedText(snapshot.fetchedAt, now) : null,
    stale: snapshot ? now - snapshot.fetchedAt > STALE_AFTER_MS : false,
    byStatus,
    byPriority,
    total: tickets.length,
    truncated: snapshot ? snapshot.count > tickets.length : false,
    breached: rows.filter((r) => r.state === 'breached').length,
    beforeShiftEnd: rows.filter((r) => r.dueAt !== null && r.dueAt > now && r.dueAt <= shiftEnd).length,
    rows,
  };
}

/** `data` is null until storage has been read. */
export function popupView(data: PopupData | null, now: number, options: PopupOptions): PopupView {
  if (!data) return { kind: 'loading' };
  if (data.instances.length === 0) return { kind: 'no-instance' };
  const shiftEnd = shiftEndAt(data.shift, now);
  const instances = data.instances.map((i) => instanceView(i, data, now, shiftEnd, options));
  const known = new Set(data.instances.map((i) => i.origin));
  const work = nextTicket(Object.values(data.snapshots).filter((s) => known.has(s.origin)).map(onLocalClock), now);
  let next: NextTicketView | null = null;
  if (work) {
    const row = instances.find((i) => i.origin === work.origin)?.rows.find((r) => r.id === work.ticket.id);
    if (row) next = { origin: row.origin, id: row.id, subject: row.subject, state: row.state, text: row.text, spoken: row.spoken, description: row.description };
  }
  return { kind: 'ready', instances, next, shiftEnd: timeOfDay(shiftEnd, data.shift.zone, options.locale), shiftEndAt: shiftEnd };
}
