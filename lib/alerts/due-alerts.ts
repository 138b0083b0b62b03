/**
 * Which breach notifications are due, from the agent's queue and the ledger of alerts already decided. Pure:
 * the poller records the answer in storage before it sends anything (poller.ts explains the order).
 *
 * Rules:
 * - One alert per ticket, metric, threshold and deadline (`alertKey`). A deadline Zendesk moves (a reply starts
 *   a new next-reply clock) is a new deadline with its own alerts.
 * - Thresholds are the lead times in minutes and 0 for the breach itself. When several are due at once (the first
 *   poll after a sleep, a new ticket already close to its deadline) only the most urgent is sent; the others are
 *   recorded as suppressed, so the agent gets one notification that tells the truth rather than three stale ones.
 * - An alert sent well after its moment is marked late ("breached while you were away").
 * - Snoozed tickets get nothing until the snooze ends, and then only the most urgent threshold then due. Urgent
 *   tickets ignore snoozes (DOMAIN.md gap 11: emergencies cannot be snoozed).
 * - Breaches older than the ledger's retention are never alerted, so a pruned entry can never fire again.
 */
import { metricLabel } from '../sla/badge-view';
import { LEDGER_RETENTION_MS, snoozeKey, type AlertLedger, type AlertPayload, type QueueSnapshot, type QueueTicket, type Snoozes } from '../storage';

const MINUTE_MS = 60_000;

export function alertKey(origin: string, ticketId: number, metric: string, threshold: number, dueAt: number): string {
  return `${origin}|${ticketId}|${metric}|${threshold}|${dueAt}`;
}

/** Reads an alert key (also a notification id) back; null for anything else. */
export function parseAlertKey(key: string): { origin: string; ticketId: number; metric: string; threshold: number; dueAt: number } | null {
  const m = /^(https?:\/\/[^|]+)\|(\d+)\|([^|]+)\|(\d+)\|(-?\d+)$/.exec(key);
  if (!m) return null;
  return { origin: m[1]!, ticketId: Number(m[2]), metric: m[3]!, threshold: Number(m[4]), dueAt: Number(m[5]) };
}

export interface DueAlertOptions {
  /** Also alert at the breach itself (threshold 0). Default true. */
  breach?: boolean;
  /** How long after its moment an alert counts as late. Default 5 minutes. */
  lateAfterMs?: number;
}

export interface DueAlerts {
  /** To notify, most urgent deadline first. */
  send: AlertPayload[];
  /** Keys to record without notifying (passed over for a more urgent threshold of the same clock). */
  suppress: string[];
}

export function isSnoozed(snoozes: Snoozes, origin: string, ticket: Pick<QueueTicket, 'id' | 'priority'>, now: number): boolean {
  if (ticket.priority === 'urgent') return false;
  const until = snoozes[snoozeKey(origin, ticket.id)];
  return until !== undefined && until > now;
}

export function dueAlerts(
  snapshots: readonly QueueSnapshot[],
  ledger: AlertLedger,
  leadTimesMinutes: readonly number[],
  now: number,
  snoozes: Snoozes,
  options: DueAlertOptions = {},
): DueAlerts {
  const thresholds = [...new Set(leadTimesMinutes.filter((t) => t > 0))];
  if (options.breach ?? true) thresholds.push(0);
  const lateAfter = options.lateAfterMs ?? 5 * MINUTE_MS;
  const send: AlertPayload[] = [];
  const suppress: string[] = [];

  for (const snapshot of snapshots) {
    const origin = snapshot.origin;
    for (const ticket of snapshot.tickets) {
      if (isSnoozed(snoozes, origin, ticket, now)) continue;
      for (const m of ticket.metrics) {
        if (m.stage !== 'active' || m.dueAt === null) continue;
        const dueAt = m.dueAt;
        if (dueAt < now - LEDGER_RETENTION_MS) continue;
        const crossed = thresholds.filter((t) => now >= dueAt - t * MINUTE_MS);
        if (crossed.length === 0) continue;
        const mostUrgent = Math.min(...crossed);
        for (const t of crossed) {
          const key = alertKey(origin, ticket.id, m.metric, t, dueAt);
          if (key in ledger) continue;
          if (t !== mostUrgent) {
            suppress.push(key);
            continue;
          }
          const fireAt = dueAt - t * MINUTE_MS;
          send.push({
            key,
            origin,
            ticketId: ticket.id,
            metric: m.metric,
            threshold: t,
            dueAt,
            subject: ticket.subject,
            priority: ticket.priority,
            late: now - fireAt > lateAfter,
          });
        }
      }
    }
  }
  send.sort((a, b) => a.dueAt - b.dueAt || a.ticketId - b.ticketId);
  return { send, suppress };
}

/** Drops ledger entries whose deadline and decision are both older than the retention. */
export function pruneLedger(ledger: AlertLedger, now: number): AlertLedger {
  const out: AlertLedger = {};
  const cutoff = now - LEDGER_RETENTION_MS;
  for (const [key, entry] of Object.entries(ledger)) {
    const dueAt = parseAlertKey(key)?.dueAt ?? entry.recordedAt;
    if (dueAt >= cutoff || entry.recordedAt >= cutoff) out[key] = entry;
  }
  return out;
}


function minutesText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes <= 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** The notification's words. Time left is computed at `now` (never the threshold's nominal value). */
export function alertText(alert: AlertPayload, now: number): { title: string; message: string } {
  const metric = metricLabel(alert.metric);
  const left = alert.dueAt - now;
  const subject = alert.subject || `Ticket #${alert.ticketId}`;
  if (left <= 0) {
    const title = alert.late ? `Breached while you were away: #${alert.ticketId}` : `SLA breached: #${alert.ticketId}`;
    return { title, message: `${metric} SLA breached ${minutesText(left)} ago. ${subject}` };
  }
  return {
    title: `${metric} SLA in ${minutesText(left)}: #${alert.ticketId}`,
    message: `${alert.late ? '(late) ' : ''}${subject}`,
  };
}
