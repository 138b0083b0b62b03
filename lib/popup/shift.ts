/**
 * The end of the agent's shift, for "breaching before my shift ends" and "snooze until the end of my shift".
 *
 * Stored as `local:shift` = `{ end: 'HH:mm', zone: IANA }`, set on the options page (My shift);
 * with no stored value the shift ends at 17:00 in the browser's own zone (`LOCAL_ZONE`). The shift end is the next time the
 * clock shows `end` in `zone` after `now`, so it is always within the next 24 hours (an agent working past
 * 17:00 sees tomorrow's end, never a moment in the past).
 *
 * TODO(lead): move `shiftItem` into lib/storage.ts with the other items (that file is not this change's).
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { HHMM_PATTERN } from '../storage';
import { DAY_MS, isValidZone, localToUtc, utcToLocalParts } from '../time';

/**
 * "The browser's own zone", resolved by the JS Date local-time methods instead of Intl: a fresh popup page pays
 * for loading ICU on its first Intl call, which would delay its first frame.
 */
export const LOCAL_ZONE = 'local';

export const shiftSchema = z.object({
  end: z.string().check(z.regex(HHMM_PATTERN)),
  zone: z.string().check(z.refine((zone) => zone === LOCAL_ZONE || isValidZone(zone), 'an IANA time zone')),
});
export type Shift = z.infer<typeof shiftSchema>;

export const DEFAULT_SHIFT_END = '17:00';

export function defaultShift(zone = LOCAL_ZONE): Shift {
  return { end: DEFAULT_SHIFT_END, zone };
}

/** A stored value that does not parse reads as the default (same rule as lib/storage.ts). */
export function parseShift(raw: unknown, zone = LOCAL_ZONE): Shift {
  const parsed = shiftSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultShift(zone);
}

export const shiftItem = storage.defineItem<unknown>('local:shift', { version: 1 });

/** The next moment after `now` at which the shift ends. */
export function shiftEndAt(shift: Shift, now: number): number {
  const [h, m] = shift.end.split(':').map(Number) as [number, number];
  if (shift.zone === LOCAL_ZONE) {
    const end = new Date(now);
    end.setHours(h, m, 0, 0);
    if (end.getTime() <= now) end.setDate(end.getDate() + 1), end.setHours(h, m, 0, 0);
    return end.getTime();
  }
  const today = utcToLocalParts(shift.zone, now);
  const end = localToUtc(shift.zone, { year: today.year, month: today.month, day: today.day, hour: h, minute: m });
  if (end > now) return end;
  // Tomorrow's date in the zone (noon avoids DST edges), then its end time.
  const tomorrow = utcToLocalParts(shift.zone, localToUtc(shift.zone, { ...today, hour: 12, minute: 0 }) + DAY_MS);
  return localToUtc(shift.zone, { year: tomorrow.year, month: tomorrow.month, day: tomorrow.day, hour: h, minute: m });
}
