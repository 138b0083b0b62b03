/**
 * What the guidance panel remembers: whether it is open, and the checklist ticks per ticket. Both live in
 * `storage.local` so they survive reloads and are shared by every Zendesk tab (each tab watches the items).
 *
 * They are defined here rather than in lib/storage.ts because that module carries the worker's schemas; this one
 * is imported by the guidance content script and must stay small. Values are validated on the way in and out: a
 * stored value that no longer parses reads as the default.
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

const DAY_MS = 24 * 60 * 60_000;
/** Ticks older than this are forgotten (a solved ticket's checklist is no longer needed). */
export const TICK_MAX_AGE_MS = 90 * DAY_MS;
/** At most this many ticks are kept (the newest win), so storage never grows without bound. */
export const MAX_TICKS = 5_000;

export const panelOpenItem = storage.defineItem<boolean>('local:guidancePanelOpen', { version: 1, fallback: true });

/** `origin|ticketId|cardId|itemId` → when it was ticked (epoch ms). An unticked item has no entry. */
const ticksSchema = z.record(z.string().check(z.regex(/^https?:\/\/[^|\s]+\|\d+\|[^|\s]+\|[^|\s]+$/)), z.number());
export type ChecklistTicks = z.infer<typeof ticksSchema>;

export const checklistTicksItem = storage.defineItem<unknown>('local:guidanceChecklistTicks', { version: 1, fallback: {} });

/** The key one checklist item's tick is stored under. */
export function tickKey(origin: string, ticketId: number, cardId: string, itemId: string): string {
  return `${origin}|${ticketId}|${cardId}|${itemId}`;
}

/** The stored ticks, or none when what is stored does not parse. */
export function parseTicks(raw: unknown): ChecklistTicks {
  const r = ticksSchema.safeParse(raw);
  return r.success ? r.data : {};
}

export async function readTicks(): Promise<ChecklistTicks> {
  return parseTicks(await checklistTicksItem.getValue());
}

/** Drops ticks older than the maximum age, then the oldest beyond the cap. */
export function pruneTicks(ticks: ChecklistTicks, now: number): ChecklistTicks {
  const fresh = Object.entries(ticks).filter(([, at]) => now - at <= TICK_MAX_AGE_MS);
  fresh.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(fresh.slice(0, MAX_TICKS));
}

/** Ticks or unticks one item. Read-modify-write: two tabs ticking in the same millisecond could lose one tick. */
export async function setTick(key: string, ticked: boolean, now: number): Promise<ChecklistTicks> {
  const ticks = { ...(await readTicks()) };
  if (ticked) ticks[key] = now;
  else delete ticks[key];
  const next = pruneTicks(ticks, now);
  await checklistTicksItem.setValue(next);
  return next;
}

/** Calls back with every change, from this tab or another. Returns the unwatch function. */
export function watchTicks(onChange: (ticks: ChecklistTicks) => void): () => void {
  return checklistTicksItem.watch((value) => onChange(parseTicks(value)));
}
