/**
 * Snoozing a ticket's alerts (for an hour, or until the end of the agent's shift). Urgent tickets cannot be
 * snoozed (DOMAIN.md gap 11: emergencies are hard exceptions); the answer says so in words the popup can show.
 */
import { snoozeKey, type QueueTicket, type Snoozes } from '../storage';

export const SNOOZE_HOUR_MS = 60 * 60_000;
/** Longest snooze: a shift never runs longer, and an open-ended snooze would silently drop a breach. */
export const MAX_SNOOZE_MS = 24 * SNOOZE_HOUR_MS;

export type SnoozeResult = { ok: true; snoozes: Snoozes } | { ok: false; message: string };

export function snoozeTicket(
  snoozes: Snoozes,
  origin: string,
  ticket: Pick<QueueTicket, 'id' | 'priority'>,
  until: number,
  now: number,
): SnoozeResult {
  if (ticket.priority === 'urgent') return { ok: false, message: `Ticket #${ticket.id} is urgent: its alerts cannot be snoozed.` };
  if (!(until > now)) return { ok: false, message: 'A snooze has to end in the future.' };
  return { ok: true, snoozes: { ...pruneSnoozes(snoozes, now), [snoozeKey(origin, ticket.id)]: Math.min(until, now + MAX_SNOOZE_MS) } };
}

export function unsnoozeTicket(snoozes: Snoozes, origin: string, ticketId: number): Snoozes {
  const { [snoozeKey(origin, ticketId)]: _removed, ...rest } = snoozes;
  return rest;
}

export function pruneSnoozes(snoozes: Snoozes, now: number): Snoozes {
  return Object.fromEntries(Object.entries(snoozes).filter(([, until]) => until > now));
}
