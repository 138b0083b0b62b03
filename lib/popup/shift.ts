/**
 * The end of the agent's shift, for "breaching before my shift ends" and "snooze until the end of my shift".
 *
 * Stored as `local:shift` = `{ end: 'HH:mm', zone: IANA }`. Nothing writes it yet (there is no options page);
 * with no stored value the shift ends at 17:00 in the browser's own zone. The shift end is the next time the
 * clock shows `end` in `zone` after `now`, so it is always within the next 24 hours (an agent working past
 * 17:00 sees tomorrow's end, never a moment in the past).
 *
 * TODO(lead): move `shiftItem` into lib/storage.ts with the other items (that file is not this change's).
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { DAY_MS, isValidZone, localToUtc, utcToLocalParts } from '../time';

export const shiftSchema = z.object({
  end: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
  zone: z.string().check(z.refine(isValidZone, 'an IANA time zone')),
});
export type Shift = z.infer<typeof shiftSchema>;

export const DEFAULT_SHIFT_END = '17:00';

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultShift(zone = browserZone()): Shift {
  return { end: DEFAULT_SHIFT_END, zone };
}

/** A stored value that does not parse reads as the default (same rule as lib/storage.ts). */
export function parseShift(raw: unknown, zone = browserZone()): Shift {
  const parsed = shiftSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultShift(zone);
}

export const shiftItem = storage.defineItem<unknown>('local:shift', { version: 1 });

/** The next moment after `now` at which the shift ends. */
export function shiftEndAt(shift: Shift, now: number): number {
  const [h, m] = shift.end.split(':').map(Number) as [number, number];
  const today = utcToLocalParts(shift.zone, now);
  const end = localToUtc(shift.zone, { year: today.year, month: today.month, day: today.day, hour: h, minute: m });
  if (end > now) return end;
  // Tomorrow's date in the zone (noon avoids DST edges), then its end time.
  const tomorrow = utcToLocalParts(shift.zone, localToUtc(shift.zone, { ...today, hour: 12, minute: 0 }) + DAY_MS);
  return localToUtc(shift.zone, { year: tomorrow.year, month: tomorrow.month, day: tomorrow.day, hour: h, minute: m });
}
