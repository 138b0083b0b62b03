import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { effectiveIntervalMs, ensurePollAlarm, LOCK_TTL_MS, POLL_ALARM, pollOnce, teamIntervalMs, type PollerDeps } from '@/lib/background/poller';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { DEFAULT_PRESET_ID, SLA_PRESETS } from '@/lib/sla/presets';
import { DEFAULT_ALERT_SETTINGS, initialPollState, rememberInstance, snoozeKey, workerStorage, type AlertPayload } from '@/lib/storage';
import type { ToolbarBadge } from '@/lib/alerts/toolbar-badge';
import { fakeSearch, manyTickets, type FakeQueueTicket } from './fake-search';

const ORIGIN = 'https://acme.zendesk.com';
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 17, 15, 0, 0);

/** Everything a worker has, built fresh from storage: calling it again is a worker restart. */
function worker(zendesk: ReturnType<typeof fakeSearch>, clock: { now: number }, extra: Partial<PollerDeps> = {}) {
  const notified: { alert: AlertPayload; title: string }[] = [];
  const shown = new Set<string>();
  const badges: ToolbarBadge[] = [];
  const deps: PollerDeps = {
    now: () => clock.now,
    storage: workerStorage,
    fetchFor: () => zendesk.fetch,
    notify: async (alert, text) => {
      notified.push({ alert, title: text.title });
      shown.add(alert.key);
    },
    shownAlertIds: async () => [...shown],
    setBadge: async (b) => void badges.push(b),
    preset: () => SLA_PRESETS[DEFAULT_PRESET_ID],
    calendar: () => gitlabCalendar('global'),
    random: () => 0.5,
    ...extra,
  };
  return { deps, notified, shown, badges };
}

async function setup(tickets: FakeQueueTicket[], options?: Parameters<typeof fakeSearch>[1]) {
  await rememberInstance(ORIGIN, T0 - MIN);
  return fakeSearch(tickets, options);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('polling the agent queue', () => {
  it.each([
    [10, 1],
    [100, 1],
    [101, 2],
    [1000, 10],
  ])('fetches %i assigned tickets in %i search requests (ceil(N/100)), never one per ticket', async (n, requests) => {
    const zendesk = await setup(manyTickets(n, (i) => T0 + (i + 100) * MIN));
    const report = await pollOnce(worker(zendesk, { now: T0 }).deps);
    expect(report.status === 'done' && report.polled[0]).toMatchObject({ ok: true, requests, tickets: n });
    expect(zendesk.requests).toHaveLength(requests);
    expect(zendesk.requests.every((r) => /^\/api\/v2\/search(\.json)?\?/.test(r))).toBe(true);
    expect((await workerStorage.snapshots.get())[ORIGIN]?.tickets).toHaveLength(n);
  });

  it('stops at Zendesk\'s 1,000 search results and keeps the true count', async () => {
    const zendesk = await setup(manyTickets(1200, () => T0 + 200 * MIN));
    await pollOnce(worker(zendesk, { now: T0 }).deps);
    expect(zendesk.requests).toHaveLength(10);
    const snapshot = (await workerStorage.snapshots.get())[ORIGIN];
    expect(snapshot?.tickets).toHaveLength(1000);
    expect(snapshot?.count).toBe(1200);
  });

  it('asks /users/me once and searches by id when the account refuses assignee:me, then remembers', async () => {
    const zendesk = await setup(manyTickets(3, () => T0 + 200 * MIN), { refuseMe: 422, userId: 4242 });
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests.map((r) => decodeURIComponent(r).split('&')[0])).toEqual([
      '/api/v2/search?query=type:ticket+assignee:me+status<solved',
      '/api/v2/users/me',
      '/api/v2/search?query=type:ticket+assignee:4242+status<solved',
    ]);
    zendesk.requests.length = 0;
    clock.now += MIN;
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests.map((r) => decodeURIComponent(r).split('&')[0])).toEqual(['/api/v2/search?query=type:ticket+assignee:4242+status<solved']);
  });

  it('polls nothing before the interval has passed, and again after it', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN));
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    clock.now += 20_000;
    const early = await pollOnce(worker(zendesk, clock).deps);
    expect(early.status === 'done' && early.skipped).toEqual([ORIGIN]);
    clock.now += 40_000;
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests).toHaveLength(2);
  });

  it('slows down when the rate-limit headers show the account budget nearly spent', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN), { limit: 200 });
    zendesk.state.remaining = 16; // 7.5% of the budget left after this request: twice the 100 s team interval
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    // 400 s mean: each minute's alarm polls with chance 60/200 (random() = 0.5 says no); certain after 2 × 200 s.
    for (let m = 1; m <= 6; m++) {
      clock.now = T0 + m * MIN;
      await pollOnce(worker(zendesk, clock).deps);
    }
    expect(zendesk.requests).toHaveLength(1);
    clock.now = T0 + 7 * MIN;
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests).toHaveLength(2);
  });

  it('does not slow down a small-budget account that still has a fair share of it left', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN), { limit: 100_000 });
    zendesk.state.remaining = 40_000; // a large absolute count was never the issue; a small one alone is not either
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    clock.now += MIN;
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests).toHaveLength(2);
    expect(effectiveIntervalMs(DEFAULT_ALERT_SETTINGS, { ...initialPollState(), rateLimitLimit: 400, rateLimitRemaining: 45 })).toBe(60_000);
  });

  it.each([
    [200, undefined, 100_000],
    [200, 50, 60_000],
    [400, undefined, 60_000],
    [700, 1000, 142_857],
    [null, undefined, 60_000],
  ])('spaces polls to the team share of a %s/min budget (team of %s): %i ms', (limit, teamSize, interval) => {
    const settings = { ...DEFAULT_ALERT_SETTINGS, ...(teamSize ? { teamSize } : {}) };
    expect(teamIntervalMs(settings, { ...initialPollState(), rateLimitLimit: limit })).toBe(interval);
  });

  it('spreads agents whose alarms fire on the same second over several minutes', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN), { limit: 200 });
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const perMinute: number[] = [];
    const agents = Array.from({ length: 100 }, () => ({}) as Record<string, unknown>);
    for (let m = 0; m < 10; m++) {
      const before = zendesk.requests.length;
      for (const saved of agents) {
        fakeBrowser.reset();
        for (const [k, v] of Object.entries(saved)) await fakeBrowser.storage.local.set({ [k]: v });
        if (m === 0) await rememberInstance(ORIGIN, T0 - MIN);
        zendesk.state.remaining = 150;
        await pollOnce(worker(zendesk, { now: T0 + m * MIN }, { random }).deps);
        Object.assign(saved, await fakeBrowser.storage.local.get(null));
      }
      perMinute.push(zendesk.requests.length - before);
    }
    // 100 agents at a 100 s mean interval: about 60 a minute, never all 100 in one minute, none left behind.
    expect(Math.max(...perMinute)).toBeLessThan(80);
    expect(zendesk.requests.length).toBeGreaterThan(450);
  });

  it('says "sign in" in the poll state when Zendesk sees no session', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN));
    zendesk.state.signedIn = false;
    await pollOnce(worker(zendesk, { now: T0 }).deps);
    const state = (await workerStorage.pollStates.get())[ORIGIN];
    expect(state?.lastError?.kind).toBe('signed-out');
    expect(state?.lastError?.message).toMatch(/Open Zendesk and sign in/);
  });
});

describe('failures and rate limits', () => {
  it('backs off exponentially with jitter after 5xx errors and resets after a success', async () => {
    const zendesk = await setup(manyTickets(1, () => T0 + 200 * MIN));
    zendesk.state.failures.push({ status: 503 }, { status: 500 }, { status: 502 });
    const clock = { now: T0 };
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pollOnce(worker(zendesk, clock).deps);
      const state = (await workerStorage.pollStates.get())[ORIGIN]!;
      waits.push(state.backoffUntil! - clock.now);
      // Alarms during the backoff make no request; the first one after it does.
      const before = zendesk.requests.length;
      for (let t = clock.now + 60_000; t < state.backoffUntil!; t += 60_000) {
        await pollOnce(worker(zendesk, { now: t }).deps);
      }
      expect(zendesk.requests.length).toBe(before);
      clock.now = Math.max(state.backoffUntil!, clock.now + 60_000);
    }
    // random() = 0.5: three quarters of 1, 2 and 4 minutes.
    expect(waits).toEqual([45_000, 90_000, 180_000]);
    await pollOnce(worker(zendesk, clock).deps);
    expect((await workerStorage.pollStates.get())[ORIGIN]).toMatchObject({ consecutiveFailures: 0, backoffUntil: null, lastError: null });
  });

  it('spreads retries of many agents: the jitter keeps the wait between half and all of the step', async () => {
    const waits: number[] = [];
    for (const r of [0, 0.999]) {
      fakeBrowser.reset();
      const zendesk = await setup(manyTickets(1, () => null));
      zendesk.state.failures.push({ status: 500 });
      await pollOnce(worker(zendesk, { now: T0 }, { random: () => r, force: true }).deps);
      waits.push((await workerStorage.pollStates.get())[ORIGIN]!.backoffUntil! - T0);
    }
    expect(waits[0]).toBe(30_000);
    expect(waits[1]).toBeCloseTo(60_000, -2);
  });

  it('backs off after a network error too', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    zendesk.state.networkDown = 1;
    await pollOnce(worker(zendesk, { now: T0 }).deps);
    expect((await workerStorage.pollStates.get())[ORIGIN]).toMatchObject({ consecutiveFailures: 1, backoffUntil: T0 + 45_000 });
  });

  it('waits exactly as long as a 429 Retry-After says, then polls again', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    zendesk.state.failures.push({ status: 429, retryAfter: '240' });
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    expect((await workerStorage.pollStates.get())[ORIGIN]?.backoffUntil).toBe(T0 + 240_000);
    for (const at of [60_000, 120_000, 239_000]) {
      clock.now = T0 + at;
      await pollOnce(worker(zendesk, clock).deps);
    }
    expect(zendesk.requests).toHaveLength(1);
    clock.now = T0 + 240_000;
    await pollOnce(worker(zendesk, clock).deps);
    expect(zendesk.requests).toHaveLength(2);
  });

  it('keeps the last good queue when a poll fails', async () => {
    const zendesk = await setup(manyTickets(2, () => T0 + 200 * MIN));
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps);
    zendesk.state.failures.push({ status: 500 });
    clock.now += MIN;
    await pollOnce(worker(zendesk, clock).deps);
    expect((await workerStorage.snapshots.get())[ORIGIN]).toMatchObject({ fetchedAt: T0 });
  });
});

describe('one poll at a time', () => {
  it('skips a pass while another holds the lock', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    await workerStorage.lock.set({ token: 'other', expiresAt: T0 + 30_000 });
    expect(await pollOnce(worker(zendesk, { now: T0 }).deps)).toEqual({ status: 'busy' });
    expect(zendesk.requests).toHaveLength(0);
  });

  it("takes over a killed worker's lock once it expires", async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    await workerStorage.lock.set({ token: 'killed', expiresAt: T0 + LOCK_TTL_MS });
    expect((await pollOnce(worker(zendesk, { now: T0 + LOCK_TTL_MS }).deps)).status).toBe('done');
    expect(await workerStorage.lock.get()).toBeNull();
  });

  it('finishes at once the first poll a killed worker never completed, instead of waiting on chance', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    await workerStorage.lock.set({ token: 'killed', expiresAt: T0 + LOCK_TTL_MS });
    // A draw that would skip a never-polled instance on an ordinary alarm.
    const r = await pollOnce(worker(zendesk, { now: T0 + LOCK_TTL_MS }, { random: () => 0.99 }).deps);
    expect(r.status === 'done' && r.polled.map((p) => p.ok)).toEqual([true]);
    expect(zendesk.requests).toHaveLength(1);
  });

  it('lets only one of two simultaneous passes make requests', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    const clock = { now: T0 };
    const results = await Promise.all([pollOnce(worker(zendesk, clock).deps), pollOnce(worker(zendesk, clock).deps)]);
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'done']);
    expect(zendesk.requests).toHaveLength(1);
  });

  it('releases the lock when a pass throws', async () => {
    const zendesk = await setup(manyTickets(1, () => null));
    const w = worker(zendesk, { now: T0 }, { setBadge: async () => Promise.reject(new Error('boom')) });
    await expect(pollOnce(w.deps)).rejects.toThrow('boom');
    expect(await workerStorage.lock.get()).toBeNull();
  });
});

describe('alerts', () => {
  it('warns at 60, 15 and 5 minutes and at the breach, once each, across worker restarts', async () => {
    const zendesk = await setup([{ id: 7, dueAt: T0 + 61 * MIN }]);
    const clock = { now: T0 };
    const titles: string[] = [];
    // A fresh worker every minute for 70 minutes, plus a second pass each minute (another alarm, a refresh).
    for (let m = 0; m <= 70; m++) {
      clock.now = T0 + m * MIN;
      for (let pass = 0; pass < 2; pass++) {
        const w = worker(zendesk, clock, { force: pass === 1 });
        await pollOnce(w.deps);
        titles.push(...w.notified.map((n) => n.title));
      }
    }
    expect(titles).toEqual([
      'First reply SLA in 60 min: #7',
      'First reply SLA in 15 min: #7',
      'First reply SLA in 5 min: #7',
      'SLA breached: #7',
    ]);
  });

  it.each([10, -10])("alerts by Zendesk's clock (its Date header) when the local clock is %i minutes off", async (off) => {
    const zendesk = await setup([{ id: 7, dueAt: T0 + 12 * MIN }]);
    // Zendesk says it is T0; the local clock says T0 + off minutes.
    const dated: typeof fetch = async (input, init) => {
      const r = await zendesk.fetch(input, init);
      const headers = new Headers(r.headers);
      headers.set('date', new Date(T0).toUTCString());
      return new Response(await r.text(), { status: r.status, headers });
    };
    const w = worker(zendesk, { now: T0 + off * MIN }, { fetchFor: () => dated });
    await pollOnce(w.deps);
    // 12 minutes left by Zendesk's clock (less the half second the Date header's midpoint adds, so "11 min",
    // rounded down): the 15-minute warning. Uncorrected, 2 or 22 minutes would give the 5- or 60-minute one.
    expect(w.notified.map((n) => [n.alert.threshold, n.title])).toEqual([[15, 'First reply SLA in 11 min: #7']]);
    expect((await workerStorage.snapshots.get())[ORIGIN]?.skewMs).toBe(-off * MIN + 500);
    // The toolbar counts it as critical (15 minutes or less) by Zendesk's clock; with 22 minutes it would not.
    expect(w.badges.at(-1)?.text).toBe('1');
  });

  it('sends one alert, not three, when a ticket first seen is already 4 minutes from breach', async () => {
    const zendesk = await setup([{ id: 8, dueAt: T0 + 4 * MIN }]);
    const w = worker(zendesk, { now: T0 });
    await pollOnce(w.deps);
    expect(w.notified.map((n) => [n.alert.threshold, n.title])).toEqual([[5, 'First reply SLA in 4 min: #8']]);
  });

  it('reports a breach that happened while the network was down once on recovery, marked late', async () => {
    const zendesk = await setup([{ id: 9, dueAt: T0 + 90 * MIN }]);
    const clock = { now: T0 };
    await pollOnce(worker(zendesk, clock).deps); // 90 min left: nothing yet
    zendesk.state.networkDown = 1000;
    const during: string[] = [];
    for (let m = 1; m <= 90; m++) {
      clock.now = T0 + m * MIN;
      const w = worker(zendesk, clock);
      await pollOnce(w.deps);
      during.push(...w.notified.map((n) => n.title));
    }
    // The queue on file goes stale after 5 minutes; stale data never alerts (the ticket may have been answered).
    expect(during).toEqual([]);
    zendesk.state.networkDown = 0;
    clock.now = T0 + 150 * MIN;
    const recovered = worker(zendesk, clock, { force: true });
    await pollOnce(recovered.deps);
    expect(recovered.notified.map((n) => [n.alert.late, n.title])).toEqual([[true, 'Breached while you were away: #9']]);
    const again = worker(zendesk, { now: clock.now + MIN });
    await pollOnce(again.deps);
    expect(again.notified).toEqual([]);
  });

  it('keeps alerting from the stored queue when the budget spaces polls wider than 5 minutes', async () => {
    // A team of 1,000 on a 200/min account: one poll every 500 s (8 min 20 s) on average, certain by 16 min 40 s.
    await workerStorage.settings.set({ ...DEFAULT_ALERT_SETTINGS, teamSize: 1000 });
    const zendesk = await setup([{ id: 14, dueAt: T0 + 16 * MIN }], { limit: 200 });
    const clock = { now: T0 };
    const sent: [number, number][] = [];
    for (let m = 0; m <= 16; m++) {
      clock.now = T0 + m * MIN;
      const w = worker(zendesk, clock, { random: () => 0.99, force: m === 0 });
      await pollOnce(w.deps);
      sent.push(...w.notified.map((n): [number, number] => [m, n.alert.threshold]));
    }
    expect(zendesk.requests).toHaveLength(1);
    expect(sent).toEqual([[0, 60], [1, 15], [11, 5], [16, 0]]);
  });

  it('sends an alert recorded by a worker killed before it could show it', async () => {
    const zendesk = await setup([{ id: 10, dueAt: T0 + 10 * MIN }]);
    const clock = { now: T0 };
    const killed = worker(zendesk, clock, { notify: () => Promise.reject(new Error('worker killed')) });
    await pollOnce(killed.deps);
    const entry = Object.values(await workerStorage.ledger.get()).find((e) => !e.suppressed);
    expect(entry).toMatchObject({ sentAt: null, pending: { ticketId: 10, threshold: 15 } });
    clock.now += MIN;
    const restarted = worker(zendesk, clock);
    await pollOnce(restarted.deps);
    expect(restarted.notified.map((n) => n.alert.threshold)).toEqual([15]);
    const third = worker(zendesk, { now: clock.now + MIN });
    await pollOnce(third.deps);
    expect(third.notified).toEqual([]);
  });

  it('does not show again an alert whose notification is on screen though the worker died before noting it', async () => {
    const zendesk = await setup([{ id: 11, dueAt: T0 + 10 * MIN }]);
    const clock = { now: T0 };
    const onScreen = new Set<string>();
    // The notification appears, then the worker dies before marking the ledger.
    const dying = worker(zendesk, clock, {
      notify: async (alert) => {
        onScreen.add(alert.key);
        throw new Error('worker killed');
      },
    });
    await pollOnce(dying.deps);
    clock.now += MIN;
    const restarted = worker(zendesk, clock, { shownAlertIds: async () => [...onScreen] });
    await pollOnce(restarted.deps);
    expect(restarted.notified).toEqual([]);
    expect(Object.values(await workerStorage.ledger.get()).every((e) => e.sentAt !== null || e.suppressed)).toBe(true);
  });

  it('gives a snoozed ticket no alerts until the snooze ends, then only the most urgent one', async () => {
    const zendesk = await setup([{ id: 12, dueAt: T0 + 50 * MIN, priority: 'high' }]);
    await workerStorage.snoozes.set({ [snoozeKey(ORIGIN, 12)]: T0 + 40 * MIN });
    const clock = { now: T0 };
    const titles: string[] = [];
    for (let m = 0; m <= 41; m++) {
      clock.now = T0 + m * MIN;
      const w = worker(zendesk, clock);
      await pollOnce(w.deps);
      titles.push(...w.notified.map((n) => n.title));
    }
    expect(titles).toEqual(['First reply SLA in 10 min: #12']);
  });

  it('alerts about an urgent ticket even when it is snoozed', async () => {
    const zendesk = await setup([{ id: 13, dueAt: T0 + 10 * MIN, priority: 'urgent' }]);
    await workerStorage.snoozes.set({ [snoozeKey(ORIGIN, 13)]: T0 + 60 * MIN });
    const w = worker(zendesk, { now: T0 });
    await pollOnce(w.deps);
    expect(w.notified.map((n) => n.alert.ticketId)).toEqual([13]);
  });

  it('shows breached and critical tickets on the toolbar badge, red when any is breached', async () => {
    const zendesk = await setup([
      { id: 1, dueAt: T0 - 5 * MIN },
      { id: 2, dueAt: T0 + 10 * MIN },
      { id: 3, dueAt: T0 + 200 * MIN },
    ]);
    const w = worker(zendesk, { now: T0 });
    await pollOnce(w.deps);
    expect(w.badges.at(-1)).toMatchObject({ text: '2', color: '#b3261e' });
  });
});

describe('the poll alarm', () => {
  it('is created when missing, with the configured period, and left alone when it matches', async () => {
    const settings = await workerStorage.settings.get();
    expect(await ensurePollAlarm(fakeBrowser.alarms, settings)).toBe(true);
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toMatchObject({ name: POLL_ALARM, periodInMinutes: 1 });
    expect(await ensurePollAlarm(fakeBrowser.alarms, settings)).toBe(false);
    expect(await ensurePollAlarm(fakeBrowser.alarms, { ...settings, pollIntervalSeconds: 30 })).toBe(true);
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
  });

  it('refuses a poll interval under 30 seconds', async () => {
    const settings = await workerStorage.settings.get();
    await expect(workerStorage.settings.set({ ...settings, pollIntervalSeconds: 10 })).rejects.toThrow();
  });
});
