/**
 * The worker's daily refresh of a saved Zendesk schedule, against the replica: a changed schedule replaces the
 * saved one; a failure (signed out, 503, a schedule Zendesk no longer has, one this extension cannot use) keeps
 * the saved one, is recorded for the options page, and is not retried for an hour.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startReplica, type Replica } from '@/replica/server';
import { refreshProblemOf, refreshZendeskSchedule, SCHEDULE_REFRESH_MS, SCHEDULE_RETRY_MS, type ScheduleRefresh, type ScheduleRefreshDeps } from '@/lib/settings/schedule-fetch';
import { defaultSlaSettings, type SlaSettings } from '@/lib/settings/sla-settings-schema';

let replica: Replica;
let cookie: string;
beforeAll(async () => {
  replica = await startReplica();
  cookie = `${replica.sessionCookie.name}=${replica.sessionCookie.value}`;
});
afterAll(() => replica.close());
afterEach(() => replica.reset());

const DAY = 24 * 60 * 60_000;
const FETCHED_AT = Date.parse('2026-11-20T12:00:00Z');
const OLD_SCHEDULE = { name: 'EMEA (as fetched)', time_zone: 'Amsterdam', intervals: [{ start_time: 1980, end_time: 2460 }] };

function harness(opts: { signedOut?: boolean; scheduleId?: number; now?: number; last?: ScheduleRefresh | null } = {}) {
  let settings: SlaSettings = {
    ...defaultSlaSettings(),
    businessHours: { kind: 'zendesk', origin: replica.url, scheduleId: opts.scheduleId ?? SEED.scheduleEmea, schedule: OLD_SCHEDULE, holidays: [], fetchedAt: FETCHED_AT },
  };
  let last: ScheduleRefresh | null = opts.last ?? null;
  let now = opts.now ?? FETCHED_AT + DAY;
  const deps: ScheduleRefreshDeps = {
    settings: {
      get: async () => settings,
      update: async (fn) => (settings = fn(settings)),
    },
    lastRefresh: { get: async () => last, set: async (v) => void (last = v) },
    fetchFor: () => (input, init) => fetch(input, opts.signedOut ? init : { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
    now: () => now,
  };
  return {
    deps,
    settings: () => settings,
    last: () => last,
    advance: (ms: number) => void (now += ms),
    requests: () => replica.requests.filter((r) => r.path.includes('/business_hours/schedules/')).length,
  };
}

describe('the daily refresh of a saved Zendesk schedule', () => {
  it('leaves a schedule fetched less than a day ago, and anything not from Zendesk, alone', async () => {
    const h = harness({ now: FETCHED_AT + SCHEDULE_REFRESH_MS - 1 });
    expect(await refreshZendeskSchedule(h.deps)).toBe('fresh');
    const preset = { ...h.deps, settings: { get: async () => defaultSlaSettings(), update: async () => defaultSlaSettings() } };
    expect(await refreshZendeskSchedule(preset)).toBe('not-zendesk');
    expect(h.requests()).toBe(0);
  });

  it('replaces the saved schedule with what Zendesk has now, keeping the holidays typed in', async () => {
    const h = harness();
    expect(await refreshZendeskSchedule(h.deps)).toBe('refreshed');
    const bh = h.settings().businessHours;
    expect(bh).toMatchObject({ kind: 'zendesk', scheduleId: SEED.scheduleEmea, fetchedAt: FETCHED_AT + DAY, holidays: [] });
    expect(bh.kind === 'zendesk' && bh.schedule.name).toBe('EMEA');
    expect(bh.kind === 'zendesk' && bh.schedule.intervals).toHaveLength(5);
    expect(h.last()).toEqual({ at: FETCHED_AT + DAY, error: null });
    expect(h.requests()).toBe(1);
  });

  it.each([
    ['signed out (401)', { signedOut: true }, /^Zendesk says you are signed out \(401\): sign in to http:\/\/.+ in this browser, or give this instance an API token\.$/],
    ['a schedule Zendesk no longer has (404)', { scheduleId: 999 }, /no schedule 999/],
  ] as const)('keeps the saved schedule when %s, says why, and waits an hour before trying again', async (_name, opts, message) => {
    const h = harness(opts);
    const before = h.settings();
    expect(await refreshZendeskSchedule(h.deps)).toBe('failed');
    expect(h.settings()).toBe(before);
    expect(h.last()?.error).toMatch(message);
    expect(refreshProblemOf(h.settings(), h.last(), () => 'then')).toMatch(/^The daily refresh of this schedule from Zendesk failed \(then\): .+ The schedule fetched then is still in use/);
    h.advance(SCHEDULE_RETRY_MS - 1);
    expect(await refreshZendeskSchedule(h.deps)).toBe('waiting');
    expect(h.requests()).toBe(1);
    h.advance(1);
    expect(await refreshZendeskSchedule(h.deps)).toBe('failed');
    expect(h.requests()).toBe(2);
  });

  it('keeps the saved schedule on a 503 and on a schedule this extension cannot use', async () => {
    replica.faults.status = 503;
    const h = harness();
    expect(await refreshZendeskSchedule(h.deps)).toBe('failed');
    expect(h.last()?.error).toBe('Zendesk answered with an error (503) while fetching the schedule.');
    replica.reset();
    replica.store.schedules.find((s) => s.id === SEED.scheduleEmea)!.timeZone = 'Nowhere/Atlantis';
    const again = harness();
    expect(await refreshZendeskSchedule(again.deps)).toBe('failed');
    expect(again.last()?.error).toMatch(/^Zendesk sent a schedule this extension cannot use/);
    expect(again.settings().businessHours).toMatchObject({ schedule: OLD_SCHEDULE, fetchedAt: FETCHED_AT });
  });

  it('does not write onto another schedule picked while the request was out', async () => {
    const h = harness();
    const picked: SlaSettings = { ...h.settings(), businessHours: { kind: 'preset' } };
    const slow = { ...h.deps, fetchFor: (origin: string) => async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await h.deps.fetchFor(origin)(input, init);
      await h.deps.settings.update(() => picked);
      return res;
    } };
    expect(await refreshZendeskSchedule(slow)).toBe('refreshed');
    expect(h.settings()).toBe(picked);
  });

  it('says nothing on the options page once a later fetch succeeded', () => {
    const settings: SlaSettings = { ...defaultSlaSettings(), businessHours: { kind: 'zendesk', origin: 'https://x.zendesk.com', scheduleId: 2, schedule: OLD_SCHEDULE, holidays: [], fetchedAt: 2_000 } };
    expect(refreshProblemOf(settings, { at: 1_000, error: 'failed earlier' })).toBeNull();
    expect(refreshProblemOf(settings, { at: 3_000, error: null })).toBeNull();
    expect(refreshProblemOf(settings, { at: 3_000, error: 'Zendesk could not be reached.' })).toContain('Zendesk could not be reached.');
  });
});
