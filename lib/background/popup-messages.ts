/**
 * The toolbar popup's requests to the worker: refresh now, open a ticket, snooze or unsnooze a ticket's alerts.
 * Validated with zod (STYLE.md §7); the worker trusts neither the origin nor the ticket: both must be in what it
 * polled itself, so a popup bug cannot open an arbitrary URL or snooze an urgent ticket.
 */
import * as z from 'zod/mini';
import { snoozeTicket, unsnoozeTicket } from '../alerts/snooze';
import type { QueueTicket, Snoozes, ValidatedItem, Instance, QueueSnapshots } from '../storage';

export const POPUP_REFRESH = 'zso:popup-refresh';
export const POPUP_OPEN_TICKET = 'zso:popup-open-ticket';
export const POPUP_SNOOZE = 'zso:popup-snooze';
export const POPUP_UNSNOOZE = 'zso:popup-unsnooze';

const ticketRef = { origin: z.string(), ticketId: z.number().check(z.int(), z.positive()) };
export const popupMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(POPUP_REFRESH) }),
  z.object({ type: z.literal(POPUP_OPEN_TICKET), ...ticketRef }),
  z.object({ type: z.literal(POPUP_SNOOZE), ...ticketRef, until: z.number() }),
  z.object({ type: z.literal(POPUP_UNSNOOZE), ...ticketRef }),
]);
export type PopupMessage = z.infer<typeof popupMessageSchema>;

export type PopupReply = { ok: true } | { ok: false; message: string };

export interface PopupMessageDeps {
  now: () => number;
  instances: Pick<ValidatedItem<Instance[]>, 'get'>;
  snapshots: Pick<ValidatedItem<QueueSnapshots>, 'get'>;
  snoozes: Pick<ValidatedItem<Snoozes>, 'get' | 'set'>;
  /** A forced poll (pollOnce with force); resolves when it is done. 'busy' when one is already running. */
  pollNow: () => Promise<'done' | 'busy'>;
  openTicket: (origin: string, ticketId: number) => Promise<unknown>;
}

export function isPopupMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'type' in message && typeof message.type === 'string' && message.type.startsWith('zso:popup-');
}

async function knownTicket(deps: PopupMessageDeps, origin: string, ticketId: number): Promise<QueueTicket | null> {
  if (!(await deps.instances.get()).some((i) => i.origin === origin)) return null;
  return (await deps.snapshots.get())[origin]?.tickets.find((t) => t.id === ticketId) ?? null;
}

/** Handles one popup message; null for messages that are not the popup's. */
export async function handlePopupMessage(message: unknown, deps: PopupMessageDeps): Promise<PopupReply | null> {
  if (!isPopupMessage(message)) return null;
  const parsed = popupMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, message: 'The popup sent a request the worker does not understand. Reload the extension.' };
  const m = parsed.data;
  if (m.type === POPUP_REFRESH) {
    // A poll already running (the alarm's) will bring the same data; the popup watches storage either way.
    await deps.pollNow();
    return { ok: true };
  }
  const ticket = await knownTicket(deps, m.origin, m.ticketId);
  if (!ticket) return { ok: false, message: `Ticket #${m.ticketId} is not in your queue any more. Refresh to see the current queue.` };
  if (m.type === POPUP_OPEN_TICKET) {
    await deps.openTicket(m.origin, m.ticketId);
    return { ok: true };
  }
  const snoozes = await deps.snoozes.get();
  if (m.type === POPUP_UNSNOOZE) {
    await deps.snoozes.set(unsnoozeTicket(snoozes, m.origin, m.ticketId));
    return { ok: true };
  }
  const result = snoozeTicket(snoozes, m.origin, ticket, m.until, deps.now());
  if (!result.ok) return result;
  await deps.snoozes.set(result.snoozes);
  return { ok: true };
}
