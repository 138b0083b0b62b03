/**
 * Business time from a window of open intervals (as `BusinessCalendar.openIntervals` gives them): what the
 * content script uses for "business time left", so it needs neither the calendar nor its time-zone maths.
 */
export interface BusinessWindow {
  from: number;
  to: number;
  /** Open intervals inside [from, to], flattened [start0, end0, ...]. */
  iv: number[];
}

/** Business minutes between two instants (negative when `b < a`); null when either lies outside the window. */
export function businessMinutesInWindow(window: BusinessWindow, a: number, b: number): number | null {
  if (a < window.from || b < window.from || a > window.to || b > window.to) return null;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  let total = 0;
  for (let i = 0; i < window.iv.length; i += 2) {
    const s = Math.max(window.iv[i]!, lo);
    const e = Math.min(window.iv[i + 1]!, hi);
    if (e > s) total += e - s;
  }
  return ((b >= a ? 1 : -1) * total) / 60_000;
}
