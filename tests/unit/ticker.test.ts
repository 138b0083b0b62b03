import { signal } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { createTicker } from '@/lib/content/ticker';

const T0 = Date.parse('2026-11-24T18:00:00Z');

function setup() {
  let local = T0;
  const ticks: (() => void)[] = [];
  const skewMs = signal(0);
  const ticker = createTicker({ now: () => local, skewMs, setInterval: (fn) => ticks.push(fn) });
  return { ticker, skewMs, tick: () => ticks.forEach((fn) => fn()), advance: (ms: number) => (local += ms) };
}

describe('the page ticker', () => {
  it("moves to the server's time as soon as the skew is measured, before the next tick", () => {
    const { ticker, skewMs } = setup();
    expect(ticker.now.value).toBe(T0);
    // The replica two days ahead: the first response's Date header says so.
    skewMs.value = 2 * 24 * 3_600_000;
    expect(ticker.now.value).toBe(T0 + 2 * 24 * 3_600_000);
  });

  it('ticks every second near a deadline and once a minute otherwise, in corrected time', () => {
    const { ticker, skewMs, tick, advance } = setup();
    skewMs.value = -10 * 60_000;
    const owner = {};
    ticker.track(owner, T0 + 3 * 3_600_000);
    advance(1_000);
    tick();
    expect(ticker.now.value).toBe(T0 - 10 * 60_000); // same minute, far deadline: no new value
    ticker.track(owner, T0);
    tick();
    expect(ticker.now.value).toBe(T0 + 1_000 - 10 * 60_000);
  });
});
