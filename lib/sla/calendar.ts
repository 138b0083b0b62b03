/**
 * Business-hours calendar built from a Zendesk schedule (REFERENCE.md §1.6): weekly intervals in minutes since
 * Sunday 00:00 local time, plus holidays (inclusive local dates).
 *
 * Speed matters (a queue view recomputes hundreds of deadlines every tick), so each local week is expanded once
 * into absolute UTC intervals `[start, end, start, end, ...]` and cached; Intl is consulted only at interval
 * boundaries, and the hot loops are plain number arithmetic. Because weeks are expanded from wall time, DST is
 * exact: an open 00:00-24:00 is 23 real hours on a spring-forward day and 25 on a fall-back day. Wall times that
 * DST skips or repeats follow `wallTimeToUtc`'s rule (a gap moves forward, an overlap takes the earlier instant).
 *
 * Intervals are half-open, [opening, closing): at the closing instant the calendar is closed, but a target that
 * runs out exactly at closing time is due at closing time, not at the next opening.
 *
 * This module trusts its input and has no zod and no zone table, so the content script can carry it;
 * `business-hours.ts` validates schedules from outside and builds calendars through `buildCalendar`.
 */
import { DAY_MS, wallTimeToUtc, zoneOffsetMinutes } from '../time';

const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
/** A schedule that never opens again (everything on holiday) must not hang the page: give up after ~20 years. */
const MAX_WEEKS = 1100;

/** A Zendesk business-hours schedule (`time_zone` is a Rails or IANA name). */
export interface BusinessSchedule {
  name: string;
  time_zone: string;
  intervals: { start_time: number; end_time: number }[];
}

/** A holiday: inclusive local dates (YYYY-MM-DD). */
export interface Holiday {
  name: string;
  start_date: string;
  end_date: string;
}

export interface BusinessCalendar {
  readonly name: string;
  /** IANA zone the schedule's wall times are in. */
  readonly zone: string;
  readonly schedule: BusinessSchedule;
  readonly holidays: readonly Holiday[];
  isOpen(ms: number): boolean;
  /** `ms` itself when open, else the next opening instant (Infinity if the schedule never opens again). */
  nextOpening(ms: number): number;
  /**
   * The instant at which `minutes` business minutes have elapsed since `startMs`. Outside hours the clock
   * starts at the next opening. Zero or negative minutes give `nextOpening(startMs)`.
   */
  addBusinessMinutes(startMs: number, minutes: number): number;
  /** Business minutes (fractional, millisecond-exact) between two instants; negative when `toMs < fromMs`. */
  businessMinutesBetween(fromMs: number, toMs: number): number;
  /** The open intervals between two instants, clipped, flattened as [start0, end0, start1, end1, ...]. */
  openIntervals(fromMs: number, toMs: number): number[];
}

interface Week {
  /** Epoch day number of the week's local Sunday. */
  key: number;
  start: number;
  end: number;
  /** Open intervals in UTC ms, flattened: [start0, end0, start1, end1, ...], sorted, merged. */
  iv: number[];
}

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

class WeekCalendar implements BusinessCalendar {
  private readonly weeks = new Map<number, Week>();
  private readonly closedDays = new Set<number>();
  private readonly pairs: Array<[number, number]>;
  /** First guess of the zone offset when locating a week; `weekFor` corrects it, so any value works. */
  private readonly guessMs: number;

  constructor(
    readonly schedule: BusinessSchedule,
    readonly holidays: readonly Holiday[],
    readonly zone: string,
  ) {
    this.pairs = schedule.intervals
      .map((iv): [number, number] => [iv.start_time, iv.end_time])
      .sort((a, b) => a[0] - b[0]);
    for (const h of holidays) {
      for (let d = dayNumber(h.start_date), last = dayNumber(h.end_date); d <= last; d++) this.closedDays.add(d);
    }
    this.guessMs = zoneOffsetMinutes(zone, 1.7e12) * MINUTE_MS;
  }

  get name(): string {
    return this.schedule.name;
  }

  private week(key: number): Week {
    let w = this.weeks.get(key);
    if (!w) {
      if (this.weeks.size > 2000) this.weeks.clear();
      w = this.expand(key);
      this.weeks.set(key, w);
    }
    return w;
  }

  private expand(key: number): Week {
    const wall0 = key * DAY_MS;
    const zone = this.zone;
    // Most weeks have no offset change: then every boundary is wall time minus one offset, and Intl is asked
    // twice instead of twice per boundary.
    const before = zoneOffsetMinutes(zone, wall0 - DAY_MS);
    const same = before === zoneOffsetMinutes(zone, wall0 + 8 * DAY_MS);
    const toUtc = (minute: number): number =>
      same ? wall0 + minute * MINUTE_MS - before * MINUTE_MS : wallTimeToUtc(zone, wall0 + minute * MINUTE_MS);
    const iv: number[] = [];
    for (const [s, e] of this.pairs) {
      if (this.closedDays.has(key + Math.floor(s / DAY_MINUTES))) continue;
      const us = toUtc(s);
      const ue = toUtc(e);
      if (ue <= us) continue; // an interval entirely inside a DST gap
      const last = iv.length - 1;
      if (last > 0 && (iv[last] ?? 0) >= us) iv[last] = Math.max(iv[last] ?? 0, ue);
      else iv.push(us, ue);
    }
    return { key, start: toUtc(0), end: toUtc(WEEK_MINUTES), iv };
  }

  private weekFor(ms: number): Week {
    const day = Math.floor((ms + this.guessMs) / DAY_MS);
    // 1970-01-01 (day 0) was a Thursday: step back to the local Sunday.
    let w = this.week(day - ((((day + 4) % 7) + 7) % 7));
    while (ms < w.start) w = this.week(w.key - 7);
    while (ms >= w.end) w = this.week(w.key + 7);
    return w;
  }

  isOpen(ms: number): boolean {
    const iv = this.weekFor(ms).iv;
    for (let i = 0; i < iv.length; i += 2) {
      if ((iv[i] ?? 0) <= ms && ms < (iv[i + 1] ?? 0)) return true;
    }
    return false;
  }

  nextOpening(ms: number): number {
    let w = this.weekFor(ms);
    for (let n = 0; n < MAX_WEEKS; n++, w = this.week(w.key + 7)) {
      const iv = w.iv;
      for (let i = 0; i < iv.length; i += 2) {
        if ((iv[i + 1] ?? 0) > ms) return Math.max(iv[i] ?? 0, ms);
      }
    }
    return Infinity;
  }

  addBusinessMinutes(startMs: number, minutes: number): number {
    if (!(minutes > 0)) return this.nextOpening(startMs);
    let left = minutes * MINUTE_MS;
    let w = this.weekFor(startMs);
    for (let n = 0; n < MAX_WEEKS; n++, w = this.week(w.key + 7)) {
      const iv = w.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const end = iv[i + 1] ?? 0;
        if (end <= startMs) continue;
        const s = iv[i] ?? 0;
        const from = s > startMs ? s : startMs;
        // `<=`: a target that runs out exactly at closing time is due at closing time.
        if (left <= end - from) return from + left;
        left -= end - from;
      }
    }
    return Infinity;
  }

  openIntervals(fromMs: number, toMs: number): number[] {
    const out: number[] = [];
    for (let w = this.weekFor(fromMs); w.start < toMs; w = this.week(w.key + 7)) {
      const iv = w.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i] ?? 0, fromMs);
        const e = Math.min(iv[i + 1] ?? 0, toMs);
        if (e > s) out.push(s, e);
      }
    }
    return out;
  }

  businessMinutesBetween(fromMs: number, toMs: number): number {
    if (toMs < fromMs) return -this.businessMinutesBetween(toMs, fromMs);
    let total = 0;
    for (let w = this.weekFor(fromMs); w.start < toMs; w = this.week(w.key + 7)) {
      const iv = w.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i] ?? 0, fromMs);
        const e = Math.min(iv[i + 1] ?? 0, toMs);
        if (e > s) total += e - s;
      }
    }
    return total / MINUTE_MS;
  }
}

/** A calendar from a schedule already validated (see `createCalendar`), in an IANA zone. */
export function buildCalendar(schedule: BusinessSchedule, holidays: readonly Holiday[], ianaZone: string): BusinessCalendar {
  return new WeekCalendar(schedule, holidays, ianaZone);
}

/**
 * One business day, in business minutes: as many business minutes as the schedule's longest single open
 * day, counted in wall-clock time on the weekly schedule. On GitLab's 24x5 Global Support Hours (Mon-Thu open
 * 00:00-24:00) that is 24 hours; on a 09:00-17:00 schedule it is 8 hours. A target of "1 business day" is then
 * that many business minutes from the start, so it runs across closed hours and weekends exactly like any
 * other business-hours target (a ticket at Friday 16:00 PT on the 24x5 schedule is due Monday 14:00 PT).
 */
export function businessDayMinutes(calendar: Pick<BusinessCalendar, 'schedule'>): number {
  const perDay = new Map<number, number>();
  for (const { start_time: s, end_time: e } of calendar.schedule.intervals) {
    const day = Math.floor(s / DAY_MINUTES);
    perDay.set(day, (perDay.get(day) ?? 0) + e - s);
  }
  return Math.max(0, ...perDay.values());
}

function weekdays(days: number[], from: string, to: string): BusinessSchedule['intervals'] {
  const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return days.map((d) => ({ start_time: d * DAY_MINUTES + minutes(from), end_time: d * DAY_MINUTES + minutes(to) }));
}

/** GitLab's Zendesk schedules (DOMAIN.md c3). GitLab observes no holidays in them (a legal decision). */
export const GITLAB_SCHEDULES = {
  /** Global Support Hours, 24x5: Sunday 15:00 to Friday 17:00 Pacific. The default. */
  global: {
    name: 'Global Support Hours',
    time_zone: 'Pacific Time (US & Canada)',
    intervals: [...weekdays([0], '15:00', '24:00'), ...weekdays([1, 2, 3, 4], '00:00', '24:00'), ...weekdays([5], '00:00', '17:00')],
  },
  '24x7': { name: '24x7 Support', time_zone: 'UTC', intervals: weekdays([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00') },
  amer: { name: 'AMER', time_zone: 'Pacific Time (US & Canada)', intervals: weekdays([1, 2, 3, 4, 5], '05:00', '17:00') },
  apac: { name: 'APAC', time_zone: 'Brisbane', intervals: weekdays([1, 2, 3, 4, 5], '09:00', '21:00') },
  emea: { name: 'EMEA', time_zone: 'Amsterdam', intervals: weekdays([1, 2, 3, 4, 5], '08:00', '18:00') },
} satisfies Record<string, BusinessSchedule>;
export type GitlabScheduleId = keyof typeof GITLAB_SCHEDULES;

export const DEFAULT_SCHEDULE: BusinessSchedule = GITLAB_SCHEDULES.global;

/** The IANA zones of GitLab's schedules (a test checks each against the Rails name through the zone table). */
export const GITLAB_SCHEDULE_ZONES: Record<GitlabScheduleId, string> = {
  global: 'America/Los_Angeles',
  '24x7': 'Etc/UTC',
  amer: 'America/Los_Angeles',
  apac: 'Australia/Brisbane',
  emea: 'Europe/Amsterdam',
};

const presetCalendars = new Map<GitlabScheduleId, BusinessCalendar>();

/**
 * A calendar for one of GitLab's schedules, built once (the week cache is what makes it fast). The schedules
 * are constants that tests validate with `createCalendar`, so no validation runs on the page.
 */
export function gitlabCalendar(id: GitlabScheduleId = 'global'): BusinessCalendar {
  let calendar = presetCalendars.get(id);
  if (!calendar) {
    calendar = buildCalendar(GITLAB_SCHEDULES[id], [], GITLAB_SCHEDULE_ZONES[id]);
    presetCalendars.set(id, calendar);
  }
  return calendar;
}
