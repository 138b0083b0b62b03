/**
 * The one clock every badge on the page reads. It ticks every second while any badge is within an
 * hour of its deadline (so "59s" counts down and "12m" flips on the exact second), and once a minute
 * otherwise. One interval for the whole page, owned by the content script's context.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals-core';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface TickerOptions {
  now: () => number;
  /** Server-minus-local clock correction. */
  skewMs: ReadonlySignal<number>;
  setInterval: (fn: () => void, ms: number) => unknown;
}

export function createTicker(options: TickerOptions) {
  const local = signal(options.now());
  // The skew is read reactively: the first response from a server whose clock differs corrects every badge at
  // once, instead of showing the uncorrected time until the next tick.
  const now = computed(() => local.value + options.skewMs.value);
  const read = () => options.now() + options.skewMs.peek();
  /** Running deadlines of mounted badges, by badge. */
  const deadlines = new Map<object, number>();

  function secondsMode(t: number): boolean {
    for (const due of deadlines.values()) if (Math.abs(due - t) < HOUR) return true;
    return false;
  }

  options.setInterval(() => {
    const t = read();
    const prev = now.peek();
    if (secondsMode(t) || Math.floor(t / MINUTE) !== Math.floor(prev / MINUTE) || Math.abs(t - prev) > MINUTE) {
      local.value = options.now();
    }
  }, 1000);

  return {
    now,
    /** A badge tells the ticker which deadline it shows (null: none running). */
    track(owner: object, due: number | null): void {
      if (due === null) deadlines.delete(owner);
      else deadlines.set(owner, due);
    },
    untrack(owner: object): void {
      deadlines.delete(owner);
    },
    /** Re-read the clock now (after a skew correction, or for tests). */
    refresh(): void {
      local.value = options.now();
    },
  };
}

export type Ticker = ReturnType<typeof createTicker>;
