import { describe, expect, it } from 'vitest';
import {
  formatCompactDuration,
  formatDeadline,
  isValidZone,
  localToUtc,
  systemNow,
  utcToLocalParts,
  zoneOffsetMinutes,
} from '@/lib/time';
import { AMS, at, HOUR, LA, MINUTE, SYD } from './helpers';

describe('zoneOffsetMinutes', () => {
  it.each([
    [LA, '2024-01-15T12:00Z', -480],
    [LA, '2024-07-15T12:00Z', -420],
    [AMS, '2024-01-15T12:00Z', 60],
    [AMS, '2024-07-15T12:00Z', 120],
    [SYD, '2024-01-15T12:00Z', 660],
    [SYD, '2024-07-15T12:00Z', 600],
    ['Asia/Kolkata', '2024-07-15T12:00Z', 330],
    ['Asia/Kathmandu', '2024-07-15T12:00Z', 345],
    ['Pacific/Chatham', '2024-01-15T12:00Z', 825],
  ])('knows %s is %i minutes from UTC at %s', (zone, iso, expected) => {
    expect(zoneOffsetMinutes(zone, Date.parse(iso.replace('Z', ':00Z')))).toBe(expected);
  });

  it('switches exactly at the US spring-forward instant (10:00 UTC on 2024-03-10)', () => {
    const change = Date.parse('2024-03-10T10:00:00Z');
    expect(zoneOffsetMinutes(LA, change - 1)).toBe(-480);
    expect(zoneOffsetMinutes(LA, change)).toBe(-420);
  });
});

describe('localToUtc', () => {
  it('converts an ordinary wall time in each zone', () => {
    for (const zone of [LA, AMS, SYD, 'Asia/Kolkata']) {
      expect(localToUtc(zone, { year: 2024, month: 5, day: 6, hour: 9, minute: 30 })).toBe(at(zone, '2024-05-06T09:30'));
    }
  });

  it('moves a wall time inside the spring-forward gap forward by the gap (02:30 PST does not exist → 03:30 PDT)', () => {
    expect(localToUtc(LA, { year: 2024, month: 3, day: 10, hour: 2, minute: 30 })).toBe(Date.parse('2024-03-10T10:30:00Z'));
    expect(localToUtc(AMS, { year: 2024, month: 3, day: 31, hour: 2, minute: 15 })).toBe(Date.parse('2024-03-31T01:15:00Z'));
  });

  it('takes the earlier instant for an ambiguous fall-back wall time', () => {
    expect(localToUtc(LA, { year: 2024, month: 11, day: 3, hour: 1, minute: 30 })).toBe(Date.parse('2024-11-03T08:30:00Z'));
    expect(localToUtc(AMS, { year: 2024, month: 10, day: 27, hour: 2, minute: 30 })).toBe(Date.parse('2024-10-27T00:30:00Z'));
    expect(localToUtc(SYD, { year: 2024, month: 4, day: 7, hour: 2, minute: 30 })).toBe(Date.parse('2024-04-06T15:30:00Z'));
  });

  it('reads hour 24 as the next day 00:00, as Zendesk interval ends do', () => {
    expect(localToUtc(LA, { year: 2024, month: 3, day: 10, hour: 24, minute: 0 })).toBe(at(LA, '2024-03-11T00:00'));
  });
});

describe('utcToLocalParts', () => {
  it('gives the wall clock and weekday (0 = Sunday) in the zone, not the machine', () => {
    expect(utcToLocalParts(LA, Date.parse('2024-03-11T06:59:59.999Z'))).toEqual({
      year: 2024, month: 3, day: 10, weekday: 0, hour: 23, minute: 59, second: 59,
    });
    expect(utcToLocalParts(SYD, Date.parse('2024-03-11T06:59:59Z'))).toMatchObject({ day: 11, weekday: 1, hour: 17 });
  });
});

describe('isValidZone', () => {
  it('accepts IANA zones and rejects anything else', () => {
    expect(isValidZone('Europe/Amsterdam')).toBe(true);
    expect(isValidZone('Pacific Time (US & Canada)')).toBe(false);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('formatCompactDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [59_999, '59s'],
    [MINUTE, '1m'],
    [12 * MINUTE + 59_000, '12m'],
    [59 * MINUTE + 59_999, '59m'],
    [HOUR, '1h 00m'],
    [3 * HOUR + 5 * MINUTE, '3h 05m'],
    [23 * HOUR + 59 * MINUTE + 59_999, '23h 59m'],
    [24 * HOUR, '1d 0h'],
    [52 * HOUR + 59 * MINUTE, '2d 4h'],
    [-12 * MINUTE, '12m'],
  ])('shows %i ms as "%s" (rounding down, sign left to the caller)', (ms, text) => {
    expect(formatCompactDuration(ms)).toBe(text);
  });
});

describe('formatDeadline', () => {
  it('shows weekday, date, 24-hour time and zone abbreviation in the agent zone', () => {
    expect(formatDeadline(at(LA, '2024-01-16T14:05'), LA)).toBe('Tue 16 Jan, 14:05 (PST)');
    expect(formatDeadline(at(LA, '2024-07-16T09:00'), LA)).toBe('Tue 16 Jul, 09:00 (PDT)');
    expect(formatDeadline(at(LA, '2024-01-16T22:05'), 'Europe/Amsterdam', 'en-GB')).toBe('Wed 17 Jan, 07:05 (CET)');
  });
});

describe('systemNow', () => {
  it('is the one function that reads the clock', () => {
    const before = Date.now();
    const now = systemNow();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
