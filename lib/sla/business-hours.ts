/**
 * Validation for business-hours schedules that come from outside (a Zendesk schedule, settings, an import):
 * zod schemas with messages a person can act on, and `createCalendar`, which never throws. The calendar itself
 * lives in `calendar.ts`.
 */
import * as z from 'zod/mini';
import { buildCalendar, DAY_MINUTES, WEEK_MINUTES, type BusinessCalendar, type BusinessSchedule, type Holiday } from './calendar';
import { toIanaZone } from './zones';


const intervalSchema = z.object({ start_time: z.number(), end_time: z.number() });

/** A Zendesk business-hours schedule; extra fields (`id`, `created_at`) are accepted and ignored. */
export const businessScheduleSchema = z
  .object({ name: z.string(), time_zone: z.string(), intervals: z.array(intervalSchema) })
  .check(
    z.superRefine((schedule, ctx) => {
      const fail = (message: string): void => {
        ctx.issues.push({ code: 'custom', message, input: schedule });
      };
      if (toIanaZone(schedule.time_zone) === null) fail(`unknown time zone "${schedule.time_zone}"`);
      if (schedule.intervals.length === 0) fail('the schedule has no open hours');
      const sorted = schedule.intervals.map((iv, i) => ({ ...iv, i })).sort((a, b) => a.start_time - b.start_time);
      sorted.forEach(({ start_time: start, end_time: end, i }, k) => {
        const at = `interval ${i + 1} (${start}-${end})`;
        if (!Number.isInteger(start) || !Number.isInteger(end)) fail(`${at}: times must be whole minutes`);
        if (start < 0 || end > WEEK_MINUTES || start > WEEK_MINUTES || end < 0) {
          fail(`${at}: times must be within 0..10080 minutes since Sunday 00:00`);
        } else if (end <= start) {
          fail(`${at}: end_time must be after start_time`);
        } else if (Math.floor(start / DAY_MINUTES) !== Math.floor((end - 1) / DAY_MINUTES)) {
          fail(`${at}: an interval cannot span two days`);
        }
        const prev = sorted[k - 1];
        if (prev && prev.end_time > start) fail(`${at} overlaps interval ${prev.i + 1} (${prev.start_time}-${prev.end_time})`);
      });
    }),
  );

export const holidaySchema = z
  .object({ name: z.string(), start_date: z.iso.date(), end_date: z.iso.date() })
  .check(
    z.superRefine((h, ctx) => {
      if (h.end_date < h.start_date) {
        ctx.issues.push({ code: 'custom', message: `holiday "${h.name}": end_date is before start_date`, input: h });
      }
    }),
  );
const holidaysSchema = z.array(holidaySchema);

export type CalendarResult =
  | { ok: true; calendar: BusinessCalendar }
  | { ok: false; error: string; issues: string[] };

function messages(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, what: string): string[] {
  return issues.map((i) => `${what}${i.path.length ? `.${i.path.map(String).join('.')}` : ''}: ${i.message}`);
}

/** Validates a Zendesk schedule and its holidays; invalid input is a typed failure, never an exception. */
export function createCalendar(schedule: unknown, holidays: unknown = []): CalendarResult {
  const s = businessScheduleSchema.safeParse(schedule);
  const h = holidaysSchema.safeParse(holidays);
  const issues = [
    ...(s.success ? [] : messages(s.error.issues, 'schedule')),
    ...(h.success ? [] : messages(h.error.issues, 'holidays')),
  ];
  const zone = s.success ? toIanaZone(s.data.time_zone) : null;
  if (!s.success || !h.success || zone === null) {
    return { ok: false, error: `Invalid business-hours schedule: ${issues.join('; ')}`, issues };
  }
  return { ok: true, calendar: buildCalendar(s.data, h.data, zone) };
}


export {
  buildCalendar,
  businessDayMinutes,
  DEFAULT_SCHEDULE,
  GITLAB_SCHEDULES,
  gitlabCalendar,
  type BusinessCalendar,
  type BusinessSchedule,
  type GitlabScheduleId,
  type Holiday,
} from './calendar';
