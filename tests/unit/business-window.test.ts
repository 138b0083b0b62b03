import { describe, expect, it } from 'vitest';
import { businessMinutesInWindow } from '@/lib/sla/business-window';
import { gitlabCalendar } from '@/lib/sla/calendar';

describe('business time from a window of open intervals', () => {
  const calendar = gitlabCalendar('global');
  const from = Date.parse('2026-11-15T00:00:00Z');
  const to = Date.parse('2026-12-06T00:00:00Z');
  const window = { from, to, iv: calendar.openIntervals(from, to) };

  it('agrees with the calendar everywhere inside the window, including across the weekend', () => {
    for (let a = from; a < to; a += 7 * 3_600_000 + 13 * 60_000) {
      const b = Math.min(to, a + 53 * 3_600_000);
      expect(businessMinutesInWindow(window, a, b)).toBeCloseTo(calendar.businessMinutesBetween(a, b), 6);
      expect(businessMinutesInWindow(window, b, a)).toBeCloseTo(calendar.businessMinutesBetween(b, a), 6);
    }
  });

  it('says it does not know outside the window', () => {
    expect(businessMinutesInWindow(window, from - 1, from + 1)).toBeNull();
    expect(businessMinutesInWindow(window, to - 1, to + 1)).toBeNull();
  });
});
