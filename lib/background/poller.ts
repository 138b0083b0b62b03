/**
 * The background poller: one pass over every known Zendesk instance, then the alerts and the toolbar badge.
 * Driven by the `zso-poll` alarm; holds nothing in memory between passes (the worker may be killed at any time),
 * so a pass started by a fresh worker carries on exactly where a killed one stopped.
 *
 * Alert order (never lost, never repeated). A notification cannot be sent and recorded in one atomic step, so:
 *   1. record the decision in the ledger first, with the alert's content, as pending (one storage write that also
 *      records the thresholds passed over);
 *   2. create the notification with the alert key as its id;
 *   3. mark the entry sent.
 * Killed before 2: the next pass finds the pending entry and sends it (not lost). Killed between 2 and 3: the next
 * pass finds it pending, sees its id among the notifications still on screen (`shownAlertIds`) and only marks it
 * sent; if the agent already dismissed it, it is sent again with the same id, which is the one repeat possible and
 * needs a kill inside a few milliseconds. Sending first and recording after would instead repeat on every kill
 * in that window and could not tell a repeat from a first.
 */
import { alertText, dueAlerts, pruneLedger } from '../alerts/due-alerts';
import { pruneSnoozes } from '../alerts/snooze';
import { onLocalClock, toolbarBadge, type ToolbarBadge } from '../alerts/toolbar-badge';
import type { BusinessCalendar } from '../sla/calendar';
import { ticketMetrics } from '../sla/evaluate';
import type { SlaPreset } from '../sla/presets';
import type { SlaThresholds } from '../sla/types';
import {
  DEFAULT_TEAM_SIZE,
  initialPollState,
  setTogether,
  write,
  type AlertLedger,
  type AlertPayload,
  type AlertSettings,
  type PollState,
  type QueueSnapshot,
  type QueueTicket,
  type WorkerStorage,
} from '../storage';
import type { TicketSlaData } from '../zendesk/api';
import type { ApiError } from '../zendesk/http';
import { fetchMyQueue } from '../zendesk/search';

export const POLL_ALARM = 'zso-poll';
/** A pass renews the lock before every request; a killed worker's lock lapses after this. */
export const LOCK_TTL_MS = 60_000;
/**
 * Requests per pass are few and small; a hung one must not hold the lock past its TTL. The e2e build (the
 * browser tests' `wxt build --mode e2e`) gives up after 5 s so the "request that never answers" test need not
 * wait 20; Vite replaces the mode at build time, so store builds carry only the 20 s.
 */
// `?.`: Vite folds it like `.MODE` in builds, and scripts run under plain Node (npm run bench) have no
// import.meta.env, so they get the store build's values.
export const REQUEST_TIMEOUT_MS = import.meta.env?.MODE === 'e2e' ? 5_000 : 20_000;
/**
 * Alerts come only from data this fresh: stale data could warn about a ticket already answered. This is the
 * floor; when the team's budget share spaces polls wider, the limit follows the interval (`freshForMs`).
 */
export const SNAPSHOT_FRESH_MS = 5 * 60_000;
/**
 * The part of the account's `x-rate-limit` the whole team's extensions may use together. The rest is for Zendesk's
 * own UI, integrations and the page badges, and absorbs the chance that more agents than average poll in one
 * minute (polls are spread at random, not scheduled).
 */
export const TEAM_SHARE_OF_LIMIT = 0.6;
/** Backoff after 5xx/network errors: from one minute, doubling, with jitter, up to 15 minutes. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
/** Without Retry-After, a 429 waits this long. */
export const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;
/** Alarms fire a little early or late; an instance polled this long before its interval is still due. */
const ALARM_SLACK_MS = 5_000;
/** The chance a first poll goes on a given alarm (see isDue): half the team's first polls in the first minute. */
const FIRST_POLL_CHANCE = 0.5;
/** A clock difference the Date header (whole seconds) can show for certain; smaller ones count as none. */
const SKEW_THRESHOLD_MS = 1500;
/** A pending alert whose notification keeps failing is given up after this. */
const PENDING_GIVE_UP_MS = 60 * 60_000;

export interface PollerDeps {
  now: () => number;
  storage: WorkerStorage;
  /** The fetch to use for an instance (the worker's own fetch carries the agent's session: worker-session.test.ts). */
  fetchFor: (origin: string) => typeof fetch;
  /** Shows a notification whose id is `alert.key`; rejects when it could not. */
  notify: (alert: AlertPayload, text: { title: string; message: string }) => Promise<void>;
  /** Ids of the extension's notifications still on screen (`notifications.getAll`). */
  shownAlertIds?: () => Promise<string[]>;
  setBadge: (badge: ToolbarBadge) => Promise<void>;
  preset: () => SlaPreset;
  calendar: () => BusinessCalendar;
  /** The team's state thresholds (options page) for the toolbar badge; the defaults when absent. */
  thresholds?: () => SlaThresholds;
  /** For jitter; defaults to Math.random. */
  random?: () => number;
  /** A refresh the agent asked for: ignore the interval (never a backoff or Retry-After). */
  force?: boolean;
}

export interface InstancePoll {
  origin: string;
  ok: boolean;
  requests: number;
  tickets?: number;
  error?: ApiError;
}

export type PollReport =
  | { status: 'busy' }
  | { status: 'done'; polled: InstancePoll[]; skipped: string[]; sent: string[]; badge: ToolbarBadge };

/**
 * This agent's interval from its share of the account budget: the team (`teamSize`, default DEFAULT_TEAM_SIZE)
 * together uses at most TEAM_SHARE_OF_LIMIT of `x-rate-limit` per minute, and never polls faster than configured.
 * 200 agents on a 200/min account: 100 s; on 400/min or more: the configured 60 s.
 */
export function teamIntervalMs(settings: AlertSettings, state: PollState): number {
  const base = settings.pollIntervalSeconds * 1000;
  const limit = state.rateLimitLimit;
  if (!limit || limit <= 0) return base;
  const team = settings.teamSize ?? DEFAULT_TEAM_SIZE;
  return Math.max(base, Math.round((60_000 * team) / (TEAM_SHARE_OF_LIMIT * limit)));
}

/**
 * The mean poll interval: the team share, slowed when the headers show the account's budget nearly spent. The
 * cut-offs are shares of the limit, not counts, so a small-budget account is not always slowed; they sit low
 * (10% and 5% left) because the team share already keeps the agents to 60%, so only other traffic or a team
 * larger than configured gets there.
 */
export function effectiveIntervalMs(settings: AlertSettings, state: PollState): number {
  const interval = teamIntervalMs(settings, state);
  const remaining = state.rateLimitRemaining;
  const limit = state.rateLimitLimit;
  if (remaining === null || !limit || limit <= 0) return interval;
  const left = remaining / limit;
  if (left < 0.05) return interval * 4;
  if (left < 0.1) return interval * 2;
  return interval;
}

/**
 * How old a snapshot may be and still raise alerts: SNAPSHOT_FRESH_MS, or two intervals and a minute when the
 * budget spaces polls wider (a poll is certain by two intervals, `isDue`, and the alarm may add one period). The
 * trade-off: an alert can come from a queue up to that old, so a ticket answered since the last poll may still be
 * warned about once; the alternative, suppressing alerts, makes every agent of a large team miss them.
 */
export function freshForMs(settings: AlertSettings, state: PollState | undefined): number {
  if (!state) return SNAPSHOT_FRESH_MS;
  return Math.max(SNAPSHOT_FRESH_MS, 2 * effectiveIntervalMs(settings, state) + 60_000);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so agents don't retry in step. */
export function backoffDelayMs(failures: number, random: () => number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Whether this alarm should hit the network. Polls happen only on alarms (one period apart), so a jittered delay
 * would round to whole periods and keep agents whose alarms fire together in step. Instead each alarm after the
 * first period polls with probability period ÷ interval: the mean spacing is the interval, agents spread out
 * over periods even when every alarm fires on the same second, and no per-agent schedule needs storing. After two
 * intervals a poll is certain, which bounds the snapshot's age (`freshForMs`).
 *
 * A first poll (a newly found instance, a fresh profile) goes on the first alarm only every other time, so a team
 * starting together (a shift start, an extension update) does not spend a whole minute's budget in its first minute.
 */
function isDue(state: PollState, settings: AlertSettings, now: number, force: boolean, random: () => number): boolean {
  if (state.backoffUntil !== null && now < state.backoffUntil) return false;
  if (force) return true;
  const period = settings.pollIntervalSeconds * 1000;
  if (state.lastPollAt === null) return random() <= FIRST_POLL_CHANCE;
  const elapsed = now - state.lastPollAt;
  if (elapsed < period - ALARM_SLACK_MS) return false;
  const interval = effectiveIntervalMs(settings, state);
  if (elapsed >= 2 * interval - ALARM_SLACK_MS) return true;
  return random() < period / interval;
}

function toQueueTicket({ ticket, metricSet }: TicketSlaData, deps: Pick<PollerDeps, 'preset' | 'calendar'>): QueueTicket {
  return {
    id: ticket.id,
    subject: ticket.subject ?? '',
    status: ticket.status,
    priority: ticket.priority ?? null,
    createdAt: Date.parse(ticket.created_at),
    updatedAt: Date.parse(ticket.updated_at),
    metrics: ticketMetrics(ticket, metricSet, { preset: deps.preset(), calendar: deps.calendar() }),
  };
}

/** Zendesk's clock minus ours, from a Date header (whole seconds, so half a second is added); 0 when close. */
function skewFrom(serverDate: number | null, receivedAt: number): number {
  if (serverDate === null) return 0;
  const skew = serverDate + 500 - receivedAt;
  return Math.abs(skew) > SKEW_THRESHOLD_MS ? Math.round(skew) : 0;
}

/** `recovering`: the lock was left by a pass that never finished (the worker was killed mid-poll). */
async function acquireLock(deps: PollerDeps, token: string): Promise<{ acquired: boolean; recovering: boolean }> {
  const lock = await deps.storage.lock.get();
  if (lock && lock.expiresAt > deps.now()) return { acquired: false, recovering: false };
  await deps.storage.lock.set({ token, expiresAt: deps.now() + LOCK_TTL_MS });
  // Two passes in the same worker can both read an empty lock; the later write wins and the other backs off.
  return { acquired: (await deps.storage.lock.get())?.token === token, recovering: lock !== null };
}

async function releaseLock(deps: PollerDeps, token: string): Promise<void> {
  if ((await deps.storage.lock.get())?.token === token) await deps.storage.lock.set(null);
}

async function pollInstance(origin: string, state: PollState, deps: PollerDeps, token: string): Promise<{ poll: InstancePoll; state: PollState; snapshot: QueueSnapshot | null }> {
  const now = deps.now();
  const got = await fetchMyQueue({
    origin,
    fetch: deps.fetchFor(origin),
    now: deps.now,
    assigneeQuery: state.assigneeQuery,
    userId: state.userId,
    userFetchedAt: state.userFetchedAt,
    timeoutMs: REQUEST_TIMEOUT_MS,
    beforeRequest: () => deps.storage.lock.set({ token, expiresAt: deps.now() + LOCK_TTL_MS }),
  });
  const next: PollState = {
    ...state,
    lastPollAt: now,
    assigneeQuery: got.assigneeQuery,
    userId: got.userId,
    userFetchedAt: got.userFetchedAt,
    rateLimitRemaining: got.rateLimit?.remaining ?? state.rateLimitRemaining,
    rateLimitLimit: got.rateLimit?.limit ?? state.rateLimitLimit,
  };
  if (got.result.ok) {
    const tickets = got.result.value.tickets.map((d) => toQueueTicket(d, deps));
    return {
      poll: { origin, ok: true, requests: got.requests, tickets: tickets.length },
      state: { ...next, lastSuccessAt: deps.now(), backoffUntil: null, consecutiveFailures: 0, lastError: null },
      snapshot: { origin, fetchedAt: deps.now(), count: got.result.value.count, tickets, skewMs: skewFrom(got.result.serverDate, deps.now()) },
    };
  }
  const error = got.result.error;
  const failures = state.consecutiveFailures + 1;
  const at = deps.now();
  let backoffUntil: number | null = null;
  if (error.kind === 'rate-limited') backoffUntil = error.retryAt ?? at + RATE_LIMIT_DEFAULT_WAIT_MS;
  else if (['server', 'network', 'timeout', 'malformed'].includes(error.kind)) backoffUntil = at + backoffDelayMs(failures, deps.random ?? Math.random);
  return {
    poll: { origin, ok: false, requests: got.requests, error },
    state: { ...next, consecutiveFailures: failures, backoffUntil, lastError: { kind: error.kind, message: error.message, at } },
    snapshot: null,
  };
}

/**
 * Passes in this worker. Storage reads and writes interleave, so two passes started together could both see the
 * storage lock free; this flag settles that within the worker, the storage lock across worker lifetimes.
 */
let passInThisWorker = false;

/** One pass: poll every due instance, then alerts and the toolbar badge. */
export async function pollOnce(deps: PollerDeps): Promise<PollReport> {
  if (passInThisWorker) return { status: 'busy' };
  passInThisWorker = true;
  try {
    return await lockedPass(deps);
  } finally {
    passInThisWorker = false;
  }
}

async function lockedPass(deps: PollerDeps): Promise<PollReport> {
  const token = `${deps.now()}-${Math.floor((deps.random ?? Math.random)() * 1e9)}`;
  const lock = await acquireLock(deps, token);
  if (!lock.acquired) return { status: 'busy' };
  try {
    const settings = await deps.storage.settings.get();
    const instances = await deps.storage.instances.get();
    const polled: InstancePoll[] = [];
    const skipped: string[] = [];
    for (const { origin } of instances) {
      const states = await deps.storage.pollStates.get();
      const state = states[origin] ?? initialPollState();
      // After a killed pass, an instance it never finished polling is due at once, not by chance.
      const finishKilledPoll = lock.recovering && state.lastPollAt === null;
      if (!isDue(state, settings, deps.now(), (deps.force ?? false) || finishKilledPoll, deps.random ?? Math.random)) {
        skipped.push(origin);
        continue;
      }
      const r = await pollInstance(origin, state, deps, token);
      polled.push(r.poll);
      // The snapshot and the poll state land together: a restart never sees one without the other.
      const writes = [write(deps.storage.pollStates, { ...(await deps.storage.pollStates.get()), [origin]: r.state })];
      if (r.snapshot) writes.push(write(deps.storage.snapshots, { ...(await deps.storage.snapshots.get()), [origin]: r.snapshot }));
      await setTogether(writes);
    }
    const sent = await sendAlerts(deps, settings);
    const known = new Set(instances.map((i) => i.origin));
    const snapshots = Object.values(await deps.storage.snapshots.get()).filter((s) => known.has(s.origin));
    const badge = toolbarBadge(snapshots.map(onLocalClock), deps.now(), deps.thresholds?.());
    await deps.setBadge(badge);
    return { status: 'done', polled, skipped, sent, badge };
  } finally {
    await releaseLock(deps, token);
  }
}

async function sendAlerts(deps: PollerDeps, settings: AlertSettings): Promise<string[]> {
  const now = deps.now();
  const ledger = await deps.storage.ledger.get();
  const snoozes = pruneSnoozes(await deps.storage.snoozes.get(), now);
  const states = await deps.storage.pollStates.get();
  const fresh = Object.values(await deps.storage.snapshots.get()).filter((s) => now - s.fetchedAt <= freshForMs(settings, states[s.origin]));

  // Alerts a killed worker recorded but may not have shown.
  const pending = Object.entries(ledger).filter(([, e]) => e.sentAt === null && e.pending);
  const shown = pending.length > 0 && deps.shownAlertIds ? new Set(await deps.shownAlertIds()) : new Set<string>();
  const resend: AlertPayload[] = [];
  const next: AlertLedger = { ...ledger };
  for (const [key, entry] of pending) {
    if (shown.has(key)) next[key] = { recordedAt: entry.recordedAt, sentAt: now };
    else if (now - entry.recordedAt > PENDING_GIVE_UP_MS) next[key] = { recordedAt: entry.recordedAt, sentAt: null };
    else if (entry.pending) resend.push(entry.pending);
  }

  const lateAfterMs = Math.max(2 * settings.pollIntervalSeconds * 1000, 5 * 60_000);
  // Each instance's deadlines are in its own clock: compare them with ours plus the skew its Date header showed.
  const skews = new Map(fresh.map((s) => [s.origin, s.skewMs ?? 0]));
  const due: { send: AlertPayload[]; suppress: string[] } = { send: [], suppress: [] };
  for (const s of fresh) {
    const got = dueAlerts([s], next, settings.leadTimesMinutes, now + (s.skewMs ?? 0), snoozes, { breach: settings.breach, lateAfterMs });
    due.send.push(...got.send);
    due.suppress.push(...got.suppress);
  }
  for (const key of due.suppress) next[key] = { recordedAt: now, sentAt: null, suppressed: true };
  for (const alert of due.send) next[alert.key] = { recordedAt: now, sentAt: null, pending: alert };
  // Step 1: the decision is on disk before any notification exists.
  await deps.storage.ledger.set(pruneLedger(next, now));

  const sent: string[] = [];
  for (const alert of [...resend, ...due.send]) {
    try {
      await deps.notify(alert, alertText(alert, deps.now() + (skews.get(alert.origin) ?? 0)));
    } catch {
      continue; // stays pending: retried next pass
    }
    sent.push(alert.key);
    await deps.storage.ledger.update((l) => {
      const entry = l[alert.key];
      return entry ? { ...l, [alert.key]: { recordedAt: entry.recordedAt, sentAt: deps.now() } } : l;
    });
  }
  return sent;
}

/** The alarm's period in minutes (Chrome allows 0.5 since version 120; older ones round up to 1). */
export function alarmPeriodMinutes(settings: AlertSettings): number {
  return settings.pollIntervalSeconds / 60;
}

export interface AlarmsApi {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
}

/** Creates `zso-poll` when it is missing or its period no longer matches the settings; keeps it otherwise. */
export async function ensurePollAlarm(alarms: AlarmsApi, settings: AlertSettings): Promise<boolean> {
  const period = alarmPeriodMinutes(settings);
  const existing = await alarms.get(POLL_ALARM);
  if (existing && existing.periodInMinutes === period) return false;
  await alarms.create(POLL_ALARM, { periodInMinutes: period, delayInMinutes: existing ? period : 0.5 });
  return true;
}
