import { describe, expect, it } from 'vitest';
import {
  type BusinessCalendar,
  businessDayMinutes,
  createCalendar,
  DEFAULT_SCHEDULE,
  GITLAB_SCHEDULES,
  gitlabCalendar,
} from '@/lib/sla/business-hours';
import { GITLAB_SCHEDULE_ZONES, type GitlabScheduleId } from '@/lib/sla/calendar';
import { AMS, at, BNE, HOUR, LA, SYD, show } from './helpers';

function calendar(schedule: unknown, holidays: unknown = []): BusinessCalendar {
  const r = createCalendar(schedule, holidays);
  if (!r.ok) throw new Error(r.error);
  return r.calendar;
}

const day = (d: number, from = 0, to = 1440) => ({ start_time: d * 1440 + from, end_time: d * 1440 + to });
const everyDay = (time_zone: string) => calendar({ name: 'all day', time_zone, intervals: [0, 1, 2, 3, 4, 5, 6].map((d) => day(d)) });

describe('GitLab Global Support Hours (Sunday 15:00 to Friday 17:00 Pacific, the default)', () => {
  const global = gitlabCalendar();

  it('is the default schedule and is open Sunday 15:00 to Friday 17:00 Pacific', () => {
    expect(DEFAULT_SCHEDULE).toBe(GITLAB_SCHEDULES.global);
    expect(global.zone).toBe(LA);
    expect(global.isOpen(at(LA, '2024-03-08T16:59:59.999'))).toBe(true);
    expect(global.isOpen(at(LA, '2024-03-08T17:00'))).toBe(false);
    expect(global.isOpen(at(LA, '2024-03-09T12:00'))).toBe(false);
    expect(global.isOpen(at(LA, '2024-03-10T14:59'))).toBe(false);
    expect(global.isOpen(at(LA, '2024-03-10T15:00'))).toBe(true);
    expect(global.isOpen(at(LA, '2024-03-12T00:00'))).toBe(true);
  });

  it('has no gap at midnight between back-to-back open days', () => {
    expect(global.businessMinutesBetween(at(LA, '2024-03-11T23:00'), at(LA, '2024-03-12T01:00'))).toBe(120);
    expect(show(LA, global.addBusinessMinutes(at(LA, '2024-03-11T23:30'), 60))).toBe('Tue 2024-03-12 00:30');
  });

  it('defines one business day as its longest open day: 24 hours', () => {
    expect(businessDayMinutes(global)).toBe(24 * 60);
  });

  it('puts 1 business day from Friday 16:00 PT at Monday 14:00 PT (1 h on Friday, 9 h on Sunday from 15:00, 14 h on Monday)', () => {
    const due = global.addBusinessMinutes(at(LA, '2024-03-08T16:00'), businessDayMinutes(global));
    expect(show(LA, due)).toBe('Mon 2024-03-11 14:00');
  });

  it('starts the clock at Sunday 15:00 for a ticket that arrives on Saturday', () => {
    expect(show(LA, global.addBusinessMinutes(at(LA, '2024-03-09T10:00'), 60))).toBe('Sun 2024-03-10 16:00');
    expect(show(LA, global.nextOpening(at(LA, '2024-03-09T10:00')))).toBe('Sun 2024-03-10 15:00');
  });
});

describe('boundaries (EMEA: Amsterdam, Monday to Friday 08:00-18:00)', () => {
  const emea = gitlabCalendar('emea');

  it('counts from the opening minute when a ticket arrives exactly at opening', () => {
    expect(emea.isOpen(at(AMS, '2024-05-06T08:00'))).toBe(true);
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-06T08:00'), 60))).toBe('Mon 2024-05-06 09:00');
  });

  it('is due at closing time, not the next opening, when the target ends exactly at closing', () => {
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-06T08:00'), 600))).toBe('Mon 2024-05-06 18:00');
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-06T17:00'), 60))).toBe('Mon 2024-05-06 18:00');
  });

  it('treats the closing instant as closed: a ticket at 18:00 starts at the next opening', () => {
    expect(emea.isOpen(at(AMS, '2024-05-06T18:00'))).toBe(false);
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-06T18:00'), 1))).toBe('Tue 2024-05-07 08:01');
    expect(show(AMS, emea.nextOpening(at(AMS, '2024-05-06T18:00')))).toBe('Tue 2024-05-07 08:00');
  });

  it('is exact to the millisecond', () => {
    const due = emea.addBusinessMinutes(at(AMS, '2024-05-06T17:59:30.250'), 1);
    expect(show(AMS, due)).toBe('Tue 2024-05-07 08:00:30.250');
    expect(emea.businessMinutesBetween(at(AMS, '2024-05-06T17:59:30.250'), due)).toBe(1);
  });

  it('carries the rest of a target over the weekend', () => {
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-10T17:00'), 120))).toBe('Mon 2024-05-13 09:00');
    expect(emea.businessMinutesBetween(at(AMS, '2024-05-10T17:00'), at(AMS, '2024-05-13T09:00'))).toBe(120);
  });

  it('gives zero business time between two instants on the same weekend', () => {
    expect(emea.businessMinutesBetween(at(AMS, '2024-05-11T09:00'), at(AMS, '2024-05-12T20:00'))).toBe(0);
  });

  it('counts business time left as negative once the deadline has passed', () => {
    expect(emea.businessMinutesBetween(at(AMS, '2024-05-13T09:00'), at(AMS, '2024-05-10T17:00'))).toBe(-120);
  });

  it('returns the next opening for a zero target', () => {
    expect(show(AMS, emea.addBusinessMinutes(at(AMS, '2024-05-11T09:00'), 0))).toBe('Mon 2024-05-13 08:00');
  });
});

describe('holidays', () => {
  const emeaXmas = calendar(GITLAB_SCHEDULES.emea, [
    { name: 'Christmas', start_date: '2024-12-24', end_date: '2024-12-26' },
    { name: 'New Year', start_date: '2025-01-01', end_date: '2025-01-01' },
  ]);

  it('skips every day of a multi-day holiday', () => {
    // 1 h on Monday 23rd, then closed 24th-26th, then 1 h on Friday 27th.
    expect(show(AMS, emeaXmas.addBusinessMinutes(at(AMS, '2024-12-23T17:00'), 120))).toBe('Fri 2024-12-27 09:00');
    expect(emeaXmas.businessMinutesBetween(at(AMS, '2024-12-23T17:00'), at(AMS, '2024-12-27T09:00'))).toBe(120);
  });

  it('starts the clock after the holiday for a ticket that arrives during it', () => {
    expect(emeaXmas.isOpen(at(AMS, '2024-12-25T10:00'))).toBe(false);
    expect(show(AMS, emeaXmas.nextOpening(at(AMS, '2024-12-25T10:00')))).toBe('Fri 2024-12-27 08:00');
    expect(show(AMS, emeaXmas.addBusinessMinutes(at(AMS, '2024-12-25T10:00'), 60))).toBe('Fri 2024-12-27 09:00');
  });

  it('closes a one-day holiday in the schedule zone only', () => {
    expect(emeaXmas.isOpen(at(AMS, '2025-01-01T10:00'))).toBe(false);
    expect(emeaXmas.isOpen(at(AMS, '2025-01-02T08:00'))).toBe(true);
  });

  it('leaves the schedule untouched outside the holidays', () => {
    expect(emeaXmas.isOpen(at(AMS, '2024-12-23T17:59'))).toBe(true);
    expect(emeaXmas.isOpen(at(AMS, '2024-12-27T08:00'))).toBe(true);
  });
});

describe('DST: the schedule is wall time, so open days stretch and shrink', () => {
  const sunday = (zone: string, date: string) => {
    const all = everyDay(zone);
    const next = new Date(Date.parse(`${date}T00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
    return all.businessMinutesBetween(at(zone, `${date}T00:00`), at(zone, `${next}T00:00`));
  };

  it.each([
    [LA, '2024-03-10', 23 * 60, 'US spring-forward'],
    [LA, '2024-11-03', 25 * 60, 'US fall-back'],
    [AMS, '2024-03-31', 23 * 60, 'EU last Sunday in March'],
    [AMS, '2024-10-27', 25 * 60, 'EU last Sunday in October'],
    [SYD, '2024-10-06', 23 * 60, 'Sydney spring-forward in October'],
    [SYD, '2024-04-07', 25 * 60, 'Sydney fall-back in April'],
    [BNE, '2024-10-06', 24 * 60, 'Brisbane (no DST) on the Sydney change day'],
    [LA, '2024-03-17', 24 * 60, 'an ordinary Sunday'],
  ])('an open 00:00-24:00 in %s on %s lasts %i minutes (%s)', (zone, date, minutes) => {
    expect(sunday(zone, date)).toBe(minutes);
  });

  it('opens at 03:00 PDT when an interval starts inside the spring-forward gap', () => {
    const gap = calendar({ name: 'early', time_zone: 'Pacific Time (US & Canada)', intervals: [day(0, 60, 180)] });
    // 01:00-03:00 on 2024-03-10 is one real hour: 02:00-03:00 does not exist.
    expect(gap.businessMinutesBetween(at(LA, '2024-03-10T00:00'), at(LA, '2024-03-10T12:00'))).toBe(60);
    const gapStart = calendar({ name: 'gap start', time_zone: 'Pacific Time (US & Canada)', intervals: [day(0, 150, 240)] });
    // 02:30 moves forward to 03:30 PDT; open until 04:00.
    expect(show(LA, gapStart.nextOpening(at(LA, '2024-03-10T00:00')))).toBe('Sun 2024-03-10 03:30');
  });

  it('counts both 01:00-02:00 hours on the fall-back day', () => {
    const overlap = calendar({ name: 'night', time_zone: 'Pacific Time (US & Canada)', intervals: [day(0, 60, 120)] });
    expect(overlap.businessMinutesBetween(at(LA, '2024-11-03T00:00'), at(LA, '2024-11-03T12:00'))).toBe(120);
  });

  it('keeps Amsterdam opening at 08:00 local across the March change (EMEA, Friday to Monday)', () => {
    const emea = gitlabCalendar('emea');
    const due = emea.addBusinessMinutes(at(AMS, '2024-03-29T17:00'), 120);
    expect(show(AMS, due)).toBe('Mon 2024-04-01 09:00');
    expect(due - at(AMS, '2024-03-29T17:00')).toBe((64 - 1) * HOUR); // 64 wall hours minus the lost hour
  });

  it('keeps the GitLab 24x5 week at 122 business hours across the US fall-back weekend', () => {
    const global = gitlabCalendar();
    expect(global.businessMinutesBetween(at(LA, '2024-11-03T00:00'), at(LA, '2024-11-10T00:00'))).toBe(122 * 60);
    expect(show(LA, global.addBusinessMinutes(at(LA, '2024-11-01T16:00'), 24 * 60))).toBe('Mon 2024-11-04 14:00');
  });

  it('has no DST in Brisbane (APAC 09:00-21:00) while Sydney changes', () => {
    const apac = gitlabCalendar('apac');
    expect(show(BNE, apac.addBusinessMinutes(at(BNE, '2024-10-04T20:00'), 120))).toBe('Mon 2024-10-07 10:00');
  });

  it('runs a Sydney schedule with a lunch break across the April change', () => {
    const syd = calendar({
      name: 'Sydney office',
      time_zone: 'Sydney',
      intervals: [1, 2, 3, 4, 5].flatMap((d) => [day(d, 540, 720), day(d, 780, 1050)]),
    });
    expect(businessDayMinutes(syd)).toBe(450);
    // Friday 5 April 17:00: 30 min left that day; Monday 8 April 09:00-12:00 gives 180; 30 more after lunch.
    expect(show(SYD, syd.addBusinessMinutes(at(SYD, '2024-04-05T17:00'), 240))).toBe('Mon 2024-04-08 13:30');
  });
});

describe('createCalendar validation', () => {
  const base = { name: 'x', time_zone: 'UTC', intervals: [day(1, 540, 1020)] };
  const errorOf = (schedule: unknown, holidays: unknown = []) => {
    const r = createCalendar(schedule, holidays);
    return r.ok ? 'ok' : r.error;
  };

  it('accepts a schedule straight from the Zendesk API, extra fields and all', () => {
    expect(errorOf({ ...base, id: 1, created_at: '2024-01-01T00:00:00Z' })).toBe('ok');
  });

  it.each([
    [{ ...base, time_zone: 'Atlantis' }, 'unknown time zone "Atlantis"'],
    [{ ...base, intervals: [] }, 'the schedule has no open hours'],
    [{ ...base, intervals: [{ start_time: 600, end_time: 600 }] }, 'end_time must be after start_time'],
    [{ ...base, intervals: [{ start_time: -5, end_time: 60 }] }, 'within 0..10080'],
    [{ ...base, intervals: [{ start_time: 10000, end_time: 10200 }] }, 'within 0..10080'],
    [{ ...base, intervals: [{ start_time: 1400, end_time: 1500 }] }, 'cannot span two days'],
    [{ ...base, intervals: [day(1, 540, 720), day(1, 700, 800)] }, 'interval 2 (2140-2240) overlaps interval 1 (1980-2160)'],
    [{ ...base, intervals: [{ start_time: '9:00', end_time: 60 }] }, 'schedule.intervals.0.start_time'],
    [{ ...base, intervals: [{ start_time: 0.5, end_time: 60 }] }, 'whole minutes'],
  ])('rejects an invalid schedule with a readable reason (%#)', (schedule, message) => {
    expect(errorOf(schedule)).toContain(message);
  });

  it('rejects a holiday that ends before it starts, or a date that is not a date', () => {
    expect(errorOf(base, [{ name: 'Oops', start_date: '2024-12-26', end_date: '2024-12-24' }])).toContain(
      'holiday "Oops": end_date is before start_date',
    );
    expect(errorOf(base, [{ name: 'Oops', start_date: '24/12/2024', end_date: '2024-12-24' }])).toContain('holidays.0.start_date');
  });

  it('builds every GitLab preset schedule', () => {
    for (const schedule of Object.values(GITLAB_SCHEDULES)) expect(errorOf(schedule)).toBe('ok');
  });
});

describe('businessDayMinutes', () => {
  it('is the longest open day of the week', () => {
    expect(businessDayMinutes(gitlabCalendar('24x7'))).toBe(1440);
    expect(businessDayMinutes(gitlabCalendar('emea'))).toBe(600);
    expect(businessDayMinutes(calendar({ name: '9-5', time_zone: 'London', intervals: [1, 2, 3, 4, 5].map((d) => day(d, 540, 1020)) }))).toBe(480);
  });
});

describe("GitLab's built-in schedules", () => {
  it.each(Object.keys(GITLAB_SCHEDULE_ZONES) as GitlabScheduleId[])('%s validates and its zone matches its Rails name', (id) => {
    const result = createCalendar(GITLAB_SCHEDULES[id]);
    expect(result.ok).toBe(true);
    expect(result.ok && result.calendar.zone).toBe(GITLAB_SCHEDULE_ZONES[id]);
  });
});
