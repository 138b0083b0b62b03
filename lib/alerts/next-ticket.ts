/**
 * "Next ticket to work", in the handbook's order (DOMAIN.md c1, c2): emergencies (Urgent) first, then by SLA
 * urgency (the running clock due first; breached ones are due before every other), oldest ticket first among
 * equals (the handbook's FIFO). Deadlines in the same minute count as equal: a second's difference between two
 * breach times is noise, the ticket's age is not. Tickets waiting on someone else (Pending, On-hold) with no
 * clock running are not work to pick up; a Pending ticket whose reply clock still runs is.
 */
import { mostUrgent } from '../sla/state';
import type { QueueSnapshot, QueueTicket } from '../storage';

const MINUTE_MS = 60_000;

export interface WorkItem {
  origin: string;
  ticket: QueueTicket;
  /** The running clock's deadline; null when none runs. */
  dueAt: number | null;
}

function runningDue(ticket: QueueTicket, now: number): number | null {
  const m = mostUrgent(ticket.metrics, now);
  return m && m.stage === 'active' ? m.dueAt : null;
}

function compare(a: WorkItem, b: WorkItem): number {
  const ea = a.ticket.priority === 'urgent' ? 0 : 1;
  const eb = b.ticket.priority === 'urgent' ? 0 : 1;
  if (ea !== eb) return ea - eb;
  if (a.dueAt !== null && b.dueAt !== null) {
    const da = Math.floor(a.dueAt / MINUTE_MS);
    const db = Math.floor(b.dueAt / MINUTE_MS);
    if (da !== db) return da - db;
  } else if (a.dueAt !== b.dueAt) return a.dueAt === null ? 1 : -1;
  return a.ticket.createdAt - b.ticket.createdAt || a.ticket.id - b.ticket.id;
}

/** Every ticket worth working, in the order to work them. */
export function workOrder(snapshots: readonly QueueSnapshot[], now: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (const s of snapshots) {
    for (const ticket of s.tickets) {
      const dueAt = runningDue(ticket, now);
      const waiting = ticket.status === 'pending' || ticket.status === 'hold' || ticket.status === 'solved' || ticket.status === 'closed';
      if (waiting && dueAt === null) continue;
      items.push({ origin: s.origin, ticket, dueAt });
    }
  }
  return items.sort(compare);
}

export function nextTicket(snapshots: readonly QueueSnapshot[], now: number): WorkItem | null {
  return workOrder(snapshots, now)[0] ?? null;
}
