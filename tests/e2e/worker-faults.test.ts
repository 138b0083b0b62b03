/**
 * The background poller under faults, in real Chromium against the replica: the service worker killed in the
 * middle of a poll and woken again by its alarm, signed out, forbidden, a 429 with Retry-After, 500/502/503, a
 * request that never answers, malformed JSON, schema drift, the network gone, and the machine asleep across a
 * breach. Each case ends with the alerts the seeded queue calls for on screen exactly once (read from
 * `chrome.notifications.getAll()` in the worker), the ledger agreeing, and the failed requests counted.
 *
 * Fast without waiting out real minutes: `advance(ms)` moves the worker's clock (`Date.now`, which is all
 * `systemNow` reads) and the replica's clock forward together, as if that much time had passed, then the test
 * schedules the real `zso-poll` alarm a moment ahead (Chrome lets unpacked extensions set alarms under 30 s). So
 * what runs is the production path: the real alarm, the poller's own interval, backoff and lock checks, storage,
 * fetch and notifications. The e2e build's only difference is the request timeout (5 s instead of 20 s,
 * poller.ts REQUEST_TIMEOUT_MS).
 *
 * Each case is one entry of `WORKER_FAULTS` (or its own `it`), so a fault found later is one more row.
 *
 * Not exercised here: clicking a notification. Chrome gives no way to click a notification from outside, and
 * `openTicket` is bundled inside the worker's module scope (not reachable from `evaluate`). The click path is
 * covered by tests/unit/background/worker-ui.test.ts with fakeBrowser; see the it.todo below.
 */
import type { BrowserContext, Worker } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type FaultRule } from '../../replica/server';
import { extensionIdFromUrl } from '../../scripts/browser';
import { useExtensionBrowser, killServiceWorker } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

/** The alerts the seed calls for at once: one per ticket, the most urgent threshold only. */
const EXPECTED = [`|${SEED.ticketDue4m}|first_reply_time|5|`, `|${SEED.ticketDue12m}|`, `|${SEED.ticketBreached30m}|`];
const MINUTE = 60_000;

/** A worker that answers (after a kill, Playwright may still list the dead one for a moment). */
async function liveWorker(context: BrowserContext, extensionId: string, timeoutMs = 30_000): Promise<Worker> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const w of context.serviceWorkers().filter((x) => extensionIdFromUrl(x.url()) === extensionId).reverse()) {
      const ok = await Promise.race([w.evaluate(() => true).catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
      if (ok) return w;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('No live extension service worker.');
}

const worker = () => liveWorker(h.context, h.extensionId);

async function notificationIds(): Promise<string[]> {
  return (await worker()).evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

async function ledger(): Promise<Record<string, { sentAt: number | null }>> {
  return (await worker()).evaluate(async () => ((await chrome.storage.local.get('alertLedger'))['alertLedger'] ?? {}) as Record<string, { sentAt: number | null }>);
}

interface StoredPollState {
  backoffUntil: number | null;
  lastError: { kind: string; message: string } | null;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
}

async function pollState(): Promise<StoredPollState | undefined> {
  return (await worker()).evaluate(async (origin) => {
    const states = ((await chrome.storage.local.get('pollStates'))['pollStates'] ?? {}) as Record<string, never>;
    return states[origin];
  }, h.replica.url);
}

async function snapshotFetchedAt(): Promise<number | undefined> {
  return (await worker()).evaluate(async (origin) => {
    const snaps = ((await chrome.storage.local.get('queueSnapshots'))['queueSnapshots'] ?? {}) as Record<string, { fetchedAt: number }>;
    return snaps[origin]?.fetchedAt;
  }, h.replica.url);
}

const killWorker = () => killServiceWorker(h.context, h.extensionId);

/** Moves the worker's clock and the replica's forward by `ms`, as if the time had passed. */
async function advance(ms: number): Promise<void> {
  await (await worker()).evaluate((by) => {
    const g = globalThis as unknown as { __zsoRealNow?: () => number; __zsoOffset: number };
    if (!g.__zsoRealNow) {
      g.__zsoRealNow = Date.now.bind(Date);
      g.__zsoOffset = 0;
      Date.now = () => g.__zsoRealNow!() + g.__zsoOffset;
    }
    g.__zsoOffset += by;
  }, ms);
  h.replica.clock.advance(ms);
}

/** Lets the real `zso-poll` alarm fire about half a second from now (relative, so the shifted clock is irrelevant). */
async function fireAlarmSoon(): Promise<void> {
  await (await worker()).evaluate(() => chrome.alarms.create('zso-poll', { delayInMinutes: 0.008 }));
}

/** Fires the alarm and waits until the pass it starts has polled (lastPollAt moved). */
async function alarmPoll(): Promise<void> {
  const before = (await pollState())?.lastPollAt ?? null;
  await fireAlarmSoon();
  await expect.poll(async () => (await pollState())?.lastPollAt ?? null, { timeout: 15_000, interval: 200 }).not.toBe(before);
}

/** Opens a ticket page: the content script reports the instance and the worker's first (forced) poll starts. */
async function discover(): Promise<void> {
  await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
  await expect.poll(async () => (await pollState())?.lastPollAt ?? null, { timeout: 15_000, interval: 200 }).not.toBeNull();
}

const searches = () => h.replica.requests.filter((r) => r.path.startsWith('/api/v2/search'));

async function expectEachAlertOnce(timeoutMs = 15_000): Promise<string[]> {
  await expect
    .poll(async () => {
      const ids = await notificationIds();
      return EXPECTED.every((e) => ids.some((id) => id.includes(e)));
    }, { timeout: timeoutMs, interval: 250 })
    .toBe(true);
  // The pass may still be showing alerts beyond the expected ones (each is recorded, then shown, then marked
  // sent): wait until none is pending, or one shown a moment later would look like an alert sent again.
  await expect.poll(async () => Object.values(await ledger()).filter((e) => e.sentAt === null && 'pending' in e).length, { timeout: timeoutMs }).toBe(0);
  const ids = await notificationIds();
  const tickets = ids.map((id) => Number(id.split('|')[1]));
  expect(new Set(tickets).size).toBe(tickets.length);
  const sent = Object.entries(await ledger()).filter(([, e]) => e.sentAt !== null);
  // Every notification on screen was recorded sent once; nothing sent is missing from the screen.
  expect(sent.map(([k]) => k).sort()).toEqual([...ids].sort());
  return ids;
}

/** No alert (ticket, metric, threshold) on screen twice. */
function expectNoRepeats(ids: string[]): void {
  const alerts = ids.map((id) => id.split('|').slice(1, 4).join('|'));
  expect(new Set(alerts).size).toBe(alerts.length);
}

beforeEach(async () => {
  // The extension's storage, notifications and clock outlive the replica's reset: start each case fresh.
  const w = await worker();
  await w.evaluate(async () => {
    const g = globalThis as unknown as { __zsoRealNow?: () => number; __zsoOffset: number };
    if (g.__zsoRealNow) g.__zsoOffset = 0;
    await chrome.storage.local.clear();
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
});

afterEach(async () => {
  await h.context.setOffline(false);
  // Before the harness reseeds for the next case, so the seed is relative to the real time again.
  h.replica.clock.set(Date.now());
});

describe('the poller under faults', () => {
  it('a worker killed in the middle of a poll is woken by its alarm and sends each alert once, none lost', async () => {
    h.replica.faults.hang = true;
    h.replica.faults.match = '/api/v2/search';
    await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
    await expect.poll(() => searches().length, { timeout: 15_000 }).toBe(1);
    // The alarm is armed (3 s: after the kill, whatever the machine's speed), then the worker dies with its pass
    // (and the pass's lock) unfinished.
    await (await worker()).evaluate(() => chrome.alarms.create('zso-poll', { delayInMinutes: 0.05 }));
    await killWorker();
    h.replica.faults.hang = false;
    // The alarm wakes a new worker (nothing else does: no page or test touches it). Its pass finds the killed
    // pass's lock still valid and stays out: one poll at a time even across worker lifetimes.
    const woken = await worker();
    expect(await woken.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).toEqual([]);
    expect(searches()).toHaveLength(1);
    // A minute later (LOCK_TTL_MS) the lock has lapsed; the next alarm finishes the killed pass's work.
    await advance(MINUTE + 1000);
    await fireAlarmSoon();
    await expectEachAlertOnce();
    expect(searches()).toHaveLength(2);
  });

  it('honours a 429 with Retry-After, sends nothing while it lasts, and recovers on the next alarm', async () => {
    h.replica.faults.status = 429;
    h.replica.faults.retryAfterSeconds = 30;
    h.replica.faults.match = '/api/v2/search';
    await discover();
    await expect.poll(async () => (await pollState())?.lastError?.kind, { timeout: 15_000 }).toBe('rate-limited');
    const state = await pollState();
    expect(state!.backoffUntil! - Date.now()).toBeGreaterThan(20_000);
    expect(state!.backoffUntil! - Date.now()).toBeLessThanOrEqual(30_000);
    h.replica.faults.status = null;
    // An alarm inside the Retry-After window sends nothing.
    await advance(10_000);
    await fireAlarmSoon();
    await new Promise((r) => setTimeout(r, 1500));
    expect(searches()).toHaveLength(1);
    // A minute later, the next alarm polls again and the alerts come, once.
    await advance(MINUTE);
    await alarmPoll();
    await expectEachAlertOnce();
    expect(searches().map((r) => r.status)).toEqual([429, 200]);
  });

  it.each([500, 502, 503])('backs off after a %i, with jitter, and recovers by itself', async (status) => {
    h.replica.faults.status = status;
    h.replica.faults.match = '/api/v2/search';
    await discover();
    const state = await pollState();
    expect(state?.lastError?.kind).toBe('server');
    // Backoff after the first failure: half of one minute fixed, half jittered (503's Retry-After: 10 is shorter).
    expect(state!.backoffUntil! - Date.now()).toBeGreaterThan(25_000);
    expect(await notificationIds()).toEqual([]);
    h.replica.faults.status = null;
    await advance(2 * MINUTE);
    await alarmPoll();
    await expectEachAlertOnce();
    expect(searches().map((r) => r.status)).toEqual([status, 200]);
  });

  /** Faults that fail one poll; the next alarm after the wait recovers. `kind` is what the popup and state say. */
  const WORKER_FAULTS: { name: string; fault: Omit<FaultRule, 'match'> | 'offline'; kind: string; backsOff: boolean; popupSays: RegExp }[] = [
    { name: 'signed out (401)', fault: { status: 401 }, kind: 'signed-out', backsOff: false, popupSays: /Open Zendesk and sign in\./ },
    { name: 'forbidden (403)', fault: { status: 403 }, kind: 'forbidden', backsOff: false, popupSays: /Zendesk refused to search your ticket/ },
    { name: 'a request that never answers', fault: { hang: true }, kind: 'timeout', backsOff: true, popupSays: /did not answer in time/ },
    { name: 'malformed JSON', fault: { malformed: true }, kind: 'malformed', backsOff: true, popupSays: /not valid JSON/ },
    { name: 'fields of the wrong type', fault: { drift: 'types' }, kind: 'malformed', backsOff: true, popupSays: /did not have the expected shape/ },
    { name: 'the network gone (offline)', fault: 'offline', kind: 'network', backsOff: true, popupSays: /could not be reached \(offline\?\)/ },
  ];

  it.each(WORKER_FAULTS)('$name: says so, keeps the last queue, repeats no alert, and recovers by itself', async ({ fault, kind, backsOff, popupSays }) => {
    await discover();
    const ids = await expectEachAlertOnce();
    const goodAt = await snapshotFetchedAt();
    if (fault === 'offline') await h.context.setOffline(true);
    else h.replica.faults.rules = [{ match: '/api/v2/search', ...fault }];
    await advance(MINUTE);
    await alarmPoll();
    await expect.poll(async () => (await pollState())?.lastError?.kind, { timeout: 10_000 }).toBe(kind);
    const failed = await pollState();
    if (backsOff) expect(failed!.backoffUntil).toBeGreaterThan(Date.now());
    else expect(failed!.backoffUntil).toBeNull();
    // The last good queue stays (the popup shows it as stale), nothing is sent again. Alerts keep coming from the
    // stored queue during the outage: a new one is allowed only if its moment came within the outage minute.
    expect(await snapshotFetchedAt()).toBe(goodAt);
    const during = await notificationIds();
    expectNoRepeats(during);
    expect(during).toEqual(expect.arrayContaining(ids));
    const workerNow = await (await worker()).evaluate(() => Date.now());
    for (const id of during.filter((i) => !ids.includes(i))) {
      const [, , , threshold, dueAt] = id.split('|');
      expect(Number(dueAt) - Number(threshold) * MINUTE, id).toBeGreaterThan(workerNow - 2 * MINUTE);
      expect(Number(dueAt) - Number(threshold) * MINUTE, id).toBeLessThanOrEqual(workerNow + 1000);
    }
    // What the agent sees: the popup says what is wrong and still lists the last queue.
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await expect.poll(() => popup.getByRole('alert').innerText()).toMatch(popupSays);
    expect(await popup.getByRole('list', { name: 'Your tickets, by next breach' }).locator('li.row').count()).toBeGreaterThan(3);
    await popup.close();

    await h.context.setOffline(false);
    delete h.replica.faults.rules;
    await advance(7 * MINUTE);
    await alarmPoll();
    await expect.poll(async () => (await pollState())?.lastError ?? null).toBeNull();
    expect(await snapshotFetchedAt()).toBeGreaterThan(goodAt!);
    // Eight minutes after the first poll, the 4-minute ticket has breached and the 12-minute one crossed its
    // 5-minute threshold during the outage: exactly those alerts are new, none lost, none repeated.
    const wanted = [`|${SEED.ticketDue4m}|first_reply_time|0|`, `|${SEED.ticketDue12m}|first_reply_time|5|`];
    await expect.poll(async () => (await notificationIds()).filter((id) => wanted.some((w) => id.includes(w))).length).toBe(2);
    // The ledger is written per notification: wait for the last one to be marked sent.
    await expect.poll(async () => Object.values(await ledger()).filter((e) => e.sentAt === null && 'pending' in e).length).toBe(0);
    const after = await notificationIds();
    const fresh = after.filter((id) => !ids.includes(id));
    expectNoRepeats(after);
    const sent = Object.entries(await ledger()).filter(([, e]) => e.sentAt !== null).map(([k]) => k);
    expect(sent.sort()).toEqual([...ids, ...fresh].sort());
  });

  it('accepts unknown fields and missing optional fields (schema drift) and alerts as usual', async () => {
    h.replica.faults.drift = true;
    h.replica.faults.match = '/api/v2/search';
    await discover();
    expect((await pollState())?.lastError).toBeNull();
    await expectEachAlertOnce();
  });

  it('drops a ticket deleted between polls from the queue and never alerts its breach', async () => {
    await discover();
    await expectEachAlertOnce();
    h.replica.store.ticket(SEED.ticketDue12m)!.deleted = true;
    await advance(15 * MINUTE);
    await alarmPoll();
    expect((await pollState())?.lastError).toBeNull();
    const queue = await (await worker()).evaluate(async (origin) => {
      const snaps = ((await chrome.storage.local.get('queueSnapshots'))['queueSnapshots'] ?? {}) as Record<string, { tickets: { id: number }[] }>;
      return snaps[origin]!.tickets.map((t) => t.id);
    }, h.replica.url);
    expect(queue).not.toContain(SEED.ticketDue12m);
    expect(queue).toContain(SEED.ticketDue4m);
    expect((await notificationIds()).filter((id) => id.includes(`|${SEED.ticketDue12m}|first_reply_time|0|`))).toEqual([]);
    await expect.poll(async () => (await notificationIds()).some((id) => id.includes(`|${SEED.ticketDue4m}|first_reply_time|0|`))).toBe(true);
  });

  it('reports a breach that happened while the machine slept once on waking, with the warnings passed over never sent', async () => {
    await discover();
    const before = await expectEachAlertOnce();
    // Asleep for 20 minutes: both the 4- and the 12-minute tickets breached meanwhile. Chrome fires a missed
    // alarm once on waking.
    await advance(20 * MINUTE);
    await alarmPoll();
    const breachOf = (id: number) => `|${id}|first_reply_time|0|`;
    await expect
      .poll(async () => (await notificationIds()).filter((n) => n.includes(breachOf(SEED.ticketDue4m)) || n.includes(breachOf(SEED.ticketDue12m))).length)
      .toBe(2);
    const after = await notificationIds();
    const fresh = after.filter((id) => !before.includes(id));
    // One alert per clock that moved on while asleep: the breach, not the 15- and 5-minute warnings passed over.
    const clocks = fresh.map((id) => id.split('|').slice(1, 3).join('|'));
    expect(new Set(clocks).size).toBe(clocks.length);
    expect(fresh.filter((id) => id.includes(`|${SEED.ticketDue12m}|`))).toEqual([expect.stringContaining(breachOf(SEED.ticketDue12m))]);
    expectNoRepeats(after);
    const sent = Object.entries(await ledger()).filter(([, e]) => e.sentAt !== null).map(([k]) => k);
    expect(sent.sort()).toEqual(after.sort());
  });

  it.each([10, -10])("alerts and counts down in the popup by Zendesk's clock when the local clock is %i minutes off", async (off) => {
    // The replica is Zendesk: its clock (and Date header) is the true time; the local clock is off by `off`.
    h.replica.clock.set(Date.now() - off * MINUTE);
    h.replica.reset();
    await discover();
    // The 12-minute ticket gets the 15-minute warning (uncorrected: 2 or 22 minutes, the 5- or 60-minute one).
    await expectEachAlertOnce();
    expect((await notificationIds()).filter((id) => id.includes(`|${SEED.ticketDue12m}|`))).toEqual([expect.stringContaining(`|${SEED.ticketDue12m}|first_reply_time|15|`)]);
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    const row = popup.locator(`li.row[data-ticket-id="${SEED.ticketDue12m}"]`);
    await expect.poll(() => row.getAttribute('data-sla-state')).toBe('critical');
    expect(await row.innerText()).toMatch(/\b1[12]m\b/);
    await popup.close();
  });

  it.todo('clicking a notification focuses or opens its ticket tab (no way to click a Chrome notification from outside; openTicket is unit-tested with fakeBrowser)');
});
