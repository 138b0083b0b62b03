/**
 * Business-hours engine vs moment-business-time on the same 100,000 deadlines: GitLab Global Support Hours
 * (Sunday 15:00 to Friday 17:00, America/Los_Angeles), seeded random starts over 2024, targets of 1..3000
 * business minutes. Run: `npx tsx scripts/bench-engine.ts`.
 *
 * Starts are whole minutes: moment-business-time walks in whole minutes and, when a start has seconds, adds
 * the leftover fraction twice at every midnight it crosses between back-to-back days (Fri 01:52:52 + 1560 min
 * gives Mon 01:53:44 instead of 01:52:52). The schedule is closed at 02:00 on Sundays, so US DST changes never
 * fall inside open hours and both engines see the same wall clock.
 */
import moment from 'moment-timezone';
import 'moment-business-time';
import { pathToFileURL } from 'node:url';
import { createCalendar, GITLAB_SCHEDULES } from '../lib/sla/business-hours';

const ZONE = 'America/Los_Angeles';
const SAMPLES = 100_000;
const YEAR_START = Date.UTC(2024, 0, 1, 8);
const YEAR_MS = 366 * 24 * 3_600_000;

interface Run {
  opsPerSec: number;
  ms: number;
}

export interface BenchResult {
  ours: Run;
  moment: Run;
  /** How many times faster ours is. */
  ratio: number;
  /** Every one of the samples gave the same deadline to the millisecond. */
  identical: boolean;
  samples: number;
}

/** mulberry32: a seeded generator, so every run benchmarks (and compares) the same deadlines. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function samples(n: number, seed: number): { starts: number[]; targets: number[] } {
  const rnd = seeded(seed);
  const starts: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    starts.push(YEAR_START + Math.floor(rnd() * (YEAR_MS / 60_000)) * 60_000);
    targets.push(1 + Math.floor(rnd() * 3000));
  }
  return { starts, targets };
}

function configureMoment(): void {
  // moment-business-time reads the current locale; `null` marks a closed day, '24:00:00' the end of a day.
  const day = ['00:00:00', '24:00:00'];
  moment.updateLocale('en', {
    workinghours: { 0: ['15:00:00', '24:00:00'], 1: day, 2: day, 3: day, 4: day, 5: ['00:00:00', '17:00:00'], 6: null },
    holidays: [],
  });
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function benchEngine(): Promise<BenchResult> {
  configureMoment();
  const result = createCalendar(GITLAB_SCHEDULES.global);
  if (!result.ok) throw new Error(result.error);
  const calendar = result.calendar;
  const { starts, targets } = samples(SAMPLES, 20_160_101);

  // Warm both up on other samples so the JIT, not the order, decides nothing.
  const warm = samples(2_000, 7);
  for (let i = 0; i < warm.starts.length; i++) {
    calendar.addBusinessMinutes(warm.starts[i] ?? 0, warm.targets[i] ?? 1);
    moment.tz(warm.starts[i] ?? 0, ZONE).addWorkingTime(warm.targets[i] ?? 1, 'minutes');
  }

  const ours = new Array<number>(SAMPLES);
  const theirs = new Array<number>(SAMPLES);
  const oursMs = time(() => {
    for (let i = 0; i < SAMPLES; i++) ours[i] = calendar.addBusinessMinutes(starts[i] ?? 0, targets[i] ?? 1);
  });
  const momentMs = time(() => {
    for (let i = 0; i < SAMPLES; i++) {
      theirs[i] = moment.tz(starts[i] ?? 0, ZONE).addWorkingTime(targets[i] ?? 1, 'minutes').valueOf();
    }
  });
  await Promise.resolve();
  return {
    ours: { ms: oursMs, opsPerSec: Math.round((SAMPLES / oursMs) * 1000) },
    moment: { ms: momentMs, opsPerSec: Math.round((SAMPLES / momentMs) * 1000) },
    ratio: momentMs / oursMs,
    identical: ours.every((v, i) => v === theirs[i]),
    samples: SAMPLES,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchEngine();
  console.log(`business-hours deadlines, ${r.samples} samples (GitLab 24x5, ${ZONE}, whole-minute starts in 2024)`);
  console.log(`  ours:                 ${r.ours.ms.toFixed(1)} ms  ${r.ours.opsPerSec.toLocaleString('en-US')} ops/s`);
  console.log(`  moment-business-time: ${r.moment.ms.toFixed(1)} ms  ${r.moment.opsPerSec.toLocaleString('en-US')} ops/s`);
  console.log(`  ratio: ${r.ratio.toFixed(1)}x faster; identical results: ${r.identical}`);
  console.log('  note: moment-business-time double-counts sub-minute start offsets at midnight, so starts are whole minutes');
  if (!r.identical) process.exitCode = 1;
}
