/**
 * The one module for time. Zone maths uses `Intl.DateTimeFormat` only: Luxon would cost ~70 KB in a content
 * script whose budget is 40 KB. Every function takes the instant it works on; only `systemNow()` reads the clock,
 * so tests pin both the clock and the zone.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalDateTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  /** 0..24; 24 means the end of `day` (the next day's 00:00), as in Zendesk's interval end times. */
  hour: number;
  minute: number;
}

export interface LocalParts extends LocalDateTime {
  /** 0 = Sunday, as in Zendesk schedules and `Date#getDay`. */
  weekday: number;
  second: number;
}

/** The only place that reads the clock. */
export function systemNow(): number {
  return Date.now();
}

// One formatter per zone: constructing an Intl.DateTimeFormat costs far more than formatting with it.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    // h23 rather than hour12:false: older Chrome renders midnight as "24" with hour12:false.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

const validZones = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  let ok = validZones.get(zone);
  if (ok === undefined) {
    try {
      partsFormatter(zone);
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(zone, ok);
  }
  return ok;
}

/** The zone's wall time at `epochMs`, expressed as if it were UTC ("wall ms"); whole seconds. */
function wallMs(zone: string, epochMs: number): number {
  const p = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(zone).formatToParts(epochMs)) {
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** UTC offset of `zone` at `epochMs`, in minutes east of UTC (Los Angeles in winter: -480). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  // Intl drops milliseconds, so compare against the instant truncated to the second.
  const secondMs = Math.floor(epochMs / 1000) * 1000;
  return (wallMs(zone, secondMs) - secondMs) / MINUTE_MS;
}

/**
 * The instant at which `zone`'s clocks show `wall` (a wall time encoded as UTC ms, see `localToUtc`).
 *
 * Rule for the hours DST makes odd, chosen so results never depend on the machine:
 * - a wall time inside a spring-forward gap moves forward by the gap (02:30 on the US spring-forward day is
 *   03:30 daylight time), i.e. it is read with the offset in force before the change;
 * - an ambiguous wall time in a fall-back overlap takes the earlier instant (the first 01:30).
 * Assumes at most one offset change within a day of `wall`, which holds for every real zone.
 */
export function wallTimeToUtc(zone: string, wall: number): number {
  const before = zoneOffsetMinutes(zone, wall - DAY_MS) * MINUTE_MS;
  const after = zoneOffsetMinutes(zone, wall + DAY_MS) * MINUTE_MS;
  const a = wall - before;
  if (before === after) return a;
  const b = wall - after;
  const aValid = zoneOffsetMinutes(zone, a) * MINUTE_MS === before;
  const bValid = zoneOffsetMinutes(zone, b) * MINUTE_MS === after;
  if (aValid && bValid) return Math.min(a, b); // overlap: the earlier instant
  if (bValid) return b;
  return a; // valid, or a gap: the pre-change offset moves the time forward
}

/** Local wall time in `zone` → epoch ms (DST rule: see `wallTimeToUtc`). */
export function localToUtc(zone: string, t: LocalDateTime): number {
  return wallTimeToUtc(zone, Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute));
}

export function utcToLocalParts(zone: string, epochMs: number): LocalParts {
  const wall = wallMs(zone, epochMs);
  const days = Math.floor(wall / DAY_MS);
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    // 1970-01-01 was a Thursday (4).
    weekday: (((days + 4) % 7) + 7) % 7,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * A countdown as a badge shows it. Always rounds down, so the badge never promises more time than is left:
 * under a minute "45s"; under an hour "12m"; under a day "3h 05m" (minutes padded to two digits); from a day
 * "2d 4h". Uses the absolute value: the caller decides how to show "overdue".
 */
export function formatCompactDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return `${Math.floor(abs / 1000)}s`;
  if (abs < HOUR_MS) return `${Math.floor(abs / MINUTE_MS)}m`;
  if (abs < DAY_MS) {
    const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
    return `${Math.floor(abs / HOUR_MS)}h ${String(minutes).padStart(2, '0')}m`;
  }
  return `${Math.floor(abs / DAY_MS)}d ${Math.floor((abs % DAY_MS) / HOUR_MS)}h`;
}

const deadlineFormatters = new Map<string, Intl.DateTimeFormat>();

/** A deadline in the agent's own zone, e.g. "Tue 16 Jan, 14:05 (PST)"; the zone name comes from Intl for `locale`. */
export function formatDeadline(epochMs: number, zone: string, locale = 'en-US'): string {
  const key = `${locale}|${zone}`;
  let f = deadlineFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    deadlineFormatters.set(key, f);
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of f.formatToParts(epochMs)) p[part.type] = part.value;
  // The date too: answer windows close two weeks out, where a weekday alone is ambiguous.
  return `${p.weekday ?? ''} ${p.day ?? ''} ${p.month ?? ''}, ${p.hour ?? ''}:${p.minute ?? ''} (${p.timeZoneName ?? zone})`;
}
