/** Test helpers: Luxon is the independent oracle for wall times (never used by the engine itself). */
import { DateTime } from 'luxon';

export const LA = 'America/Los_Angeles';
export const AMS = 'Europe/Amsterdam';
export const SYD = 'Australia/Sydney';
export const BNE = 'Australia/Brisbane';

/** Epoch ms of a wall time in `zone`, e.g. at(LA, '2024-03-08T16:00'). */
export function at(zone: string, iso: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${iso}`);
  return dt.toMillis();
}

/** A wall time as a person reads it: "Mon 2024-03-11 14:00" (seconds and ms only when not zero). */
export function show(zone: string, ms: number): string {
  const dt = DateTime.fromMillis(ms, { zone });
  const fmt = dt.millisecond ? 'ccc yyyy-MM-dd HH:mm:ss.SSS' : dt.second ? 'ccc yyyy-MM-dd HH:mm:ss' : 'ccc yyyy-MM-dd HH:mm';
  return dt.toFormat(fmt);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
