import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, type BusinessSchedule, createCalendar, GITLAB_SCHEDULES, type Holiday } from '@/lib/sla/business-hours';
import { toIanaZone } from '@/lib/sla/zones';
import { MINUTE } from './helpers';

const day = (d: number, from: number, to: number) => ({ start_time: d * 1440 + from, end_time: d * 1440 + to });

/** Schedules in several zones, with DST and holidays, and boundaries that DST never makes ambiguous. */
const CASES: Array<{ label: string; schedule: BusinessSchedule; holidays: Holiday[] }> = [
  { label: 'GitLab 24x5, Los Angeles', schedule: GITLAB_SCHEDULES.global, holidays: [] },
  {
    label: 'EMEA, Amsterdam, with Christmas',
    schedule: GITLAB_SCHEDULES.emea,
    holidays: [{ name: 'Christmas', start_date: '2024-12-24', end_date: '2024-12-26' }],
  },
  {
    label: 'Sydney office with lunch break and Sunday 00:00-24:00',
    schedule: {
      name: 'Sydney',
      time_zone: 'Sydney',
      intervals: [day(0, 0, 1440), ...[1, 2, 3, 4, 5].flatMap((d) => [day(d, 540, 720), day(d, 780, 1050)])],
    },
    holidays: [{ name: 'Easter', start_date: '2024-03-29', end_date: '2024-04-01' }],
  },
  { label: 'APAC, Brisbane', schedule: GITLAB_SCHEDULES.apac, holidays: [] },
];

function build(c: (typeof CASES)[number]): BusinessCalendar {
  const r = createCalendar(c.schedule, c.holidays);
  if (!r.ok) throw new Error(r.error);
  return r.calendar;
}

const YEAR_2024 = { min: Date.UTC(2023, 11, 20), max: Date.UTC(2025, 0, 10) };
const instant = fc.integer(YEAR_2024);
const target = fc.integer({ min: 1, max: 6000 });

describe.each(CASES)('business-hours properties: $label', (c) => {
  const cal = build(c);

  it('addBusinessMinutes and businessMinutesBetween are inverse, inside or outside hours, to the ms', () => {
    fc.assert(
      fc.property(instant, target, (t, n) => cal.businessMinutesBetween(t, cal.addBusinessMinutes(t, n)) === n),
      { numRuns: 400 },
    );
  });

  it('deadlines never move earlier for a later start or a longer target', () => {
    fc.assert(
      fc.property(instant, instant, target, target, (a, b, n, m) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = n <= m ? [n, m] : [m, n];
        return cal.addBusinessMinutes(t1, n1) <= cal.addBusinessMinutes(t2, n1) && cal.addBusinessMinutes(t1, n1) <= cal.addBusinessMinutes(t1, n2);
      }),
      { numRuns: 300 },
    );
  });

  it('a deadline always falls inside an open interval or exactly at its closing time', () => {
    fc.assert(
      fc.property(instant, target, (t, n) => {
        const due = cal.addBusinessMinutes(t, n);
        return cal.isOpen(due - 1) && due > t;
      }),
      { numRuns: 300 },
    );
  });

  it('the next opening is open, and no business time passes before it', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const open = cal.nextOpening(t);
        return open >= t && cal.isOpen(open) && cal.businessMinutesBetween(t, open) === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('business time adds up over consecutive spans and flips sign when reversed', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, x) => {
        const [p, q, r] = [a, b, x].sort((u, v) => u - v) as [number, number, number];
        const whole = cal.businessMinutesBetween(p, r);
        return (
          Math.abs(cal.businessMinutesBetween(p, q) + cal.businessMinutesBetween(q, r) - whole) < 1e-6 &&
          cal.businessMinutesBetween(r, p) === -whole
        );
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * A deliberately naive reference: walk minute by minute and ask Luxon whether each minute's local wall time is
 * inside the weekly schedule and not on a holiday. Slow but obviously right.
 */
function referenceCalendar(schedule: BusinessSchedule, holidays: Holiday[]) {
  const zone = toIanaZone(schedule.time_zone) ?? 'UTC';
  const closed = new Set<string>();
  for (const h of holidays) {
    for (let d = DateTime.fromISO(h.start_date); d.toISODate()! <= h.end_date; d = d.plus({ days: 1 })) closed.add(d.toISODate()!);
  }
  const openMinute = (ms: number): boolean => {
    const local = DateTime.fromMillis(ms, { zone });
    if (closed.has(local.toISODate()!)) return false;
    const minuteOfWeek = (local.weekday % 7) * 1440 + local.hour * 60 + local.minute;
    return schedule.intervals.some((iv) => iv.start_time <= minuteOfWeek && minuteOfWeek < iv.end_time);
  };
  return {
    add(start: number, minutes: number): number {
      let t = start;
      for (let left = minutes; ; t += MINUTE) {
        if (openMinute(t) && --left === 0) return t + MINUTE;
      }
    },
    between(from: number, to: number): number {
      let n = 0;
      for (let t = from; t < to; t += MINUTE) if (openMinute(t)) n++;
      return n;
    },
  };
}

/** Whole-minute starts clustered around each case's DST changes and holidays, plus anywhere in the year. */
const minuteAround = (centres: number[]) =>
  fc.oneof(
    fc.constantFrom(...centres).chain((c) => fc.integer({ min: -4 * 1440, max: 4 * 1440 }).map((m) => c + m * MINUTE)),
    fc.integer({ min: YEAR_2024.min / MINUTE, max: YEAR_2024.max / MINUTE }).map((m) => m * MINUTE),
  );

describe('business hours agree with a minute-by-minute Luxon reference', () => {
  const centres = [
    Date.UTC(2024, 2, 10, 10), // US spring-forward
    Date.UTC(2024, 10, 3, 9), // US fall-back
    Date.UTC(2024, 2, 31, 1), // EU March
    Date.UTC(2024, 9, 27, 1), // EU October
    Date.UTC(2024, 3, 6, 16), // Sydney April
    Date.UTC(2024, 9, 5, 16), // Sydney October
    Date.UTC(2024, 11, 25, 10), // Christmas
  ];

  it.each(CASES)('deadlines and business time match for $label', (c) => {
    const cal = build(c);
    const ref = referenceCalendar(c.schedule, c.holidays);
    fc.assert(
      fc.property(minuteAround(centres), fc.integer({ min: 1, max: 2500 }), (start, n) => {
        const due = cal.addBusinessMinutes(start, n);
        expect(due).toBe(ref.add(start, n));
        expect(cal.businessMinutesBetween(start, start + 3 * 1440 * MINUTE)).toBe(ref.between(start, start + 3 * 1440 * MINUTE));
      }),
      { numRuns: 40 },
    );
  });
});
