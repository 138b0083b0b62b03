/**
 * Team scale (issue #3): a whole support team's extensions polling one Zendesk account, whose API budget they
 * share (REFERENCE.md §1.8: 200 requests per minute on Team plans).
 *
 * Every agent runs the real `pollOnce` with its own storage, against ONE in-process replica with the account's
 * budget, on a simulated clock (the replica's clock and every poller's `now` are the same number). Agents are
 * separate replica users with their own session cookie and their own assigned queue; some of their tickets
 * approach their breach during the run. Chrome's `zso-poll` alarm is modelled per agent: it fires every
 * `pollIntervalSeconds` from a random phase (agents start their browsers at different moments) or, in the
 * `aligned` scenario, all on the same second.
 *
 * Why agents run one after another: `pollOnce` keeps a module-level "pass in this worker" flag and writes the
 * snapshot with `setTogether`, which goes through WXT's global `storage` rather than `deps.storage`. So one
 * process can hold one worker's storage at a time: before an agent's pass its storage is restored into the
 * (fake) extension storage, after it the storage is saved back. Passes take no simulated time.
 *
 * The poller spaces its own requests (poller.ts `teamIntervalMs`, `isDue`): the team takes at most 60% of the
 * limit, each alarm polls with probability period ÷ interval, first polls are spread over the first minutes.
 * `policy` below layers an extra network policy on top of that, for comparison.
 *
 * Usage: `npx tsx scripts/simulate-team.ts [--minutes 90] [--agents 200] [--budget 200] [--other 0] [--aligned]`.
 */
import type { PollerDeps } from '../lib/background/poller';
import type { AlertPayload, AlertSettings } from '../lib/storage';
import type { Replica } from '../replica/server';
import type { StoredTicket } from '../replica/model';

const MIN = 60_000;
/** Thursday 2026-11-19 16:00 UTC: inside GitLab's global support hours (the preset fallback is not used here). */
export const SIM_T0 = Date.UTC(2026, 10, 19, 16, 0, 0);
const AGENT_ID_BASE = 20_000;
const TICKET_ID_BASE = 5_000_000;

export interface TeamOptions {
  agents?: number;
  budgetPerMinute?: number;
  minutes?: number;
  /** Assigned open tickets per agent (one search page up to 100). */
  ticketsPerAgent?: number;
  /** Tickets per agent whose breach falls inside the run (each crosses 60, 15, 5 minutes and the breach). */
  breachingPerAgent?: number;
  /** Every alarm on the same second (a worst case) instead of a random phase per agent. */
  aligned?: boolean;
  /** Other API traffic on the same account (Zendesk's own UI, integrations, the badges), evenly spread. */
  otherTrafficPerMinute?: number;
  /** The agents' `pollIntervalSeconds` (the alarm's period). Default 60. */
  pollIntervalSeconds?: number;
  /**
   * An alternative network policy, applied through `deps.fetchFor` (the only seam `pollOnce` offers): returns
   * the earliest time this agent may next hit the network, given what it knows. A request asked for before it
   * is answered locally with a 429 + Retry-After, so the poller skips the instance until then and keeps sending
   * alerts from its fresh snapshot. `undefined` runs the poller as committed.
   */
  policy?: NetworkPolicy;
  seed?: number;
  /** Progress lines on stderr. */
  log?: boolean;
}

export interface NetworkPolicy {
  name: string;
  /** Called after each real response; returns the earliest time of this agent's next real request. */
  nextAllowedAt(info: { now: number; agent: number; agents: number; remaining: number | null; limit: number | null; random: () => number }): number;
}

export interface AlertOutcome {
  agent: number;
  ticketId: number;
  threshold: number;
  fireAt: number;
  dueAt: number;
  /** First time a notification for this (ticket, threshold) was shown; null when never. */
  sentAt: number | null;
  late: boolean;
}

export interface TeamResult {
  options: Required<Omit<TeamOptions, 'policy' | 'log'>> & { policy: string };
  /** Agents' API requests per calendar minute of the run (after the first, warm-up minute). */
  requestsPerMinute: number[];
  /** The most requests (agents' and other) in any rolling 60 s, the window the replica enforces. */
  maxRollingMinute: number;
  agentRequests: number;
  otherRequests: number;
  rateLimited: number;
  otherRateLimited: number;
  serverErrors: number;
  /** Agents that did at least one poll and polls per agent (min, median, max). */
  pollsPerAgent: { min: number; median: number; max: number };
  alerts: {
    expected: number;
    onTime: number;
    /** Lead alerts sent after the breach, breach alerts more than `breachGraceMs` after it. */
    late: number;
    missed: number;
    duplicates: number;
    /** Seconds from the threshold to the notification. */
    delaySeconds: { median: number; p95: number; max: number };
  };
  /** Breach alerts may arrive this long after the breach (the alarm granularity). */
  breachGraceMs: number;
  verdict: { withinBudget: boolean; everyAlertBeforeBreach: boolean; pass: boolean };
  wallMs: number;
  outcomes: AlertOutcome[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The poller's modules, loaded after a fake extension API exists when run outside Vitest (tsx). */
export async function workerModules() {
  const g = globalThis as { chrome?: { storage?: unknown } };
  if (!g.chrome?.storage) {
    const { fakeBrowser } = await import('@webext-core/fake-browser');
    (globalThis as Record<string, unknown>)['chrome'] = fakeBrowser;
  }
  const [poller, storageMod, wxtStorage, calendar, presets, replica] = await Promise.all([
    import('../lib/background/poller'),
    import('../lib/storage'),
    import('wxt/utils/storage'),
    import('../lib/sla/calendar'),
    import('../lib/sla/presets'),
    import('../replica/server'),
  ]);
  return { poller, storageMod, storage: wxtStorage.storage, calendar, presets, replica };
}

/** A new open ticket assigned to `assigneeId` with an active first-reply SLA due at `breachAt`. */
export function queueTicket(template: StoredTicket, id: number, assigneeId: number, breachAt: number, createdAt: number): StoredTicket {
  return {
    ...structuredClone(template),
    id,
    subject: `Simulated ticket ${id}`,
    status: 'open',
    priority: 'normal',
    assigneeId,
    createdAt,
    updatedAt: createdAt,
    statusUpdatedAt: createdAt,
    solvedAt: null,
    assignedAt: createdAt,
    deleted: false,
    tags: [],
    metrics: [{ metric: 'first_reply_time', stage: 'active', breachAt, remainingMs: null, targetMinutes: 480 }],
  };
}

/** Adds an agent user to the replica and signs it in; returns its session cookie header. */
export async function addAgent(replica: Replica, id: number): Promise<string> {
  const email = `agent-${id}@example.com`;
  replica.store.users.push({
    id,
    name: `Agent ${id}`,
    email,
    role: 'agent',
    timeZone: 'UTC',
    ianaTimeZone: 'Etc/UTC',
    organizationId: null,
    defaultGroupId: 501,
    createdAt: replica.clock.now() - 100 * 24 * 60 * MIN,
  });
  const res = await fetch(`${replica.url}/access/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: 'replica' }),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`Replica refused to sign in ${email} (${res.status})`);
  return cookie;
}

/** A fetch that carries one agent's session, as the worker's own fetch does in Chrome. */
export function sessionFetch(cookie: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    return fetch(input, { ...init, headers });
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function simulateTeam(options: TeamOptions = {}): Promise<TeamResult> {
  const started = performance.now();
  const o = {
    agents: options.agents ?? 200,
    budgetPerMinute: options.budgetPerMinute ?? 200,
    minutes: options.minutes ?? 90,
    ticketsPerAgent: options.ticketsPerAgent ?? 8,
    breachingPerAgent: options.breachingPerAgent ?? 2,
    aligned: options.aligned ?? false,
    otherTrafficPerMinute: options.otherTrafficPerMinute ?? 0,
    pollIntervalSeconds: options.pollIntervalSeconds ?? 60,
    seed: options.seed ?? 1,
  };
  const random = mulberry32(o.seed);
  const m = await workerModules();
  const { pollOnce, alarmPeriodMinutes } = m.poller;
  const { workerStorage, rememberInstance, DEFAULT_ALERT_SETTINGS } = m.storageMod;
  const storage = m.storage;

  const sim = { now: SIM_T0 - 5 * MIN };
  const replica = await m.replica.startReplica({ port: 0, host: '127.0.0.1', now: () => sim.now, budgetPerMinute: o.budgetPerMinute });
  try {
    const template = replica.store.ticket(m.replica.SEED.ticketDue3h);
    if (!template) throw new Error('seed ticket missing');
    const end = SIM_T0 + o.minutes * MIN;
    const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, leadTimesMinutes: [...DEFAULT_ALERT_SETTINGS.leadTimesMinutes], pollIntervalSeconds: o.pollIntervalSeconds };
    const periodMs = alarmPeriodMinutes(settings) * MIN;
    const thresholds = [...settings.leadTimesMinutes, 0];

    interface Agent {
      index: number;
      id: number;
      cookie: string;
      fetch: typeof fetch;
      saved: Record<string, unknown>;
      phaseMs: number;
      sent: { key: string; at: number; alert: AlertPayload }[];
      tickets: { id: number; breachAt: number }[];
      allowedAt: number;
      polls: number;
    }
    const agents: Agent[] = [];
    let nextTicket = TICKET_ID_BASE;
    for (let i = 0; i < o.agents; i++) {
      const id = AGENT_ID_BASE + i;
      const cookie = await addAgent(replica, id);
      const tickets: Agent['tickets'] = [];
      for (let k = 0; k < o.ticketsPerAgent; k++) {
        // Breaching tickets are due between 65% and 95% of the run (at least 6 minutes in); the rest hours away.
        const breachAt =
          k < o.breachingPerAgent
            ? SIM_T0 + Math.max(6 * MIN, Math.round((0.65 + 0.3 * random()) * o.minutes * MIN))
            : end + Math.round((2 + 20 * random()) * 60 * MIN);
        const t = queueTicket(template, nextTicket++, id, breachAt, SIM_T0 - Math.round((1 + 10 * random()) * 60 * MIN));
        replica.store.tickets.set(t.id, t);
        tickets.push({ id: t.id, breachAt });
      }
      // Each agent's worker starts from empty storage that knows the one Zendesk instance.
      await storage.clear('local');
      await workerStorage.settings.set(settings);
      await rememberInstance(replica.url, SIM_T0 - 10 * MIN);
      agents.push({
        index: i,
        id,
        cookie,
        fetch: sessionFetch(cookie),
        saved: await storage.snapshot('local'),
        phaseMs: o.aligned ? 0 : Math.floor(random() * periodMs / 1000) * 1000,
        sent: [],
        tickets,
        allowedAt: 0,
        polls: 0,
      });
    }
    replica.requests.length = 0;

    const policy = options.policy;
    const otherFetch = sessionFetch(`${replica.sessionCookie.name}=${replica.sessionCookie.value}`);
    const otherEveryMs = o.otherTrafficPerMinute > 0 ? MIN / o.otherTrafficPerMinute : Infinity;
    let nextOther = SIM_T0;
    let otherRequests = 0;
    let otherRateLimited = 0;

    const depsFor = (a: Agent): PollerDeps => ({
      now: () => sim.now,
      storage: workerStorage,
      fetchFor: () => async (input, init) => {
        if (policy && sim.now < a.allowedAt) {
          const wait = Math.max(1, Math.ceil((a.allowedAt - sim.now) / 1000));
          return new Response('{"error":"LocalBudget"}', { status: 429, headers: { 'retry-after': String(wait) } });
        }
        const res = await a.fetch(input, init);
        if (policy) {
          const num = (h: string) => (res.headers.get(h) === null ? null : Number(res.headers.get(h)));
          a.allowedAt = policy.nextAllowedAt({ now: sim.now, agent: a.index, agents: o.agents, remaining: num('x-rate-limit-remaining'), limit: num('x-rate-limit'), random });
        }
        return res;
      },
      notify: async (alert) => {
        a.sent.push({ key: alert.key, at: sim.now, alert });
      },
      shownAlertIds: async () => a.sent.map((s) => s.key),
      setBadge: async () => undefined,
      preset: () => m.presets.SLA_PRESETS[m.presets.DEFAULT_PRESET_ID],
      calendar: () => m.calendar.gitlabCalendar('global'),
      random,
    });

    for (sim.now = SIM_T0; sim.now <= end; sim.now += 1000) {
      while (o.otherTrafficPerMinute > 0 && nextOther <= sim.now) {
        const r = await otherFetch(`${replica.url}/api/v2/tickets/${m.replica.SEED.ticketDue3h}.json`);
        await r.arrayBuffer();
        otherRequests++;
        if (r.status === 429) otherRateLimited++;
        nextOther += otherEveryMs;
      }
      for (const a of agents) {
        if ((sim.now - SIM_T0 - a.phaseMs) % periodMs !== 0 || sim.now < SIM_T0 + a.phaseMs) continue;
        await storage.clear('local');
        await storage.restoreSnapshot('local', a.saved);
        const before = replica.requests.length;
        await pollOnce(depsFor(a));
        if (replica.requests.length > before) a.polls++;
        a.saved = await storage.snapshot('local');
      }
      if (options.log && (sim.now - SIM_T0) % (10 * MIN) === 0) process.stderr.write(`  simulated ${(sim.now - SIM_T0) / MIN} min\n`);
    }

    // Requests: the agents' are the search (and users/me) requests; the rest is the other traffic.
    const agentReqs = replica.requests.filter((r) => r.path.startsWith('/api/v2/search') || r.path.startsWith('/api/v2/users/me'));
    const allAt = replica.requests.map((r) => r.at).sort((x, y) => x - y);
    let maxRolling = 0;
    for (let i = 0, j = 0; i < allAt.length; i++) {
      while (allAt[j]! <= allAt[i]! - MIN) j++;
      maxRolling = Math.max(maxRolling, i - j + 1);
    }
    const perMinute = Array.from({ length: o.minutes }, () => 0);
    for (const r of agentReqs) {
      const k = Math.floor((r.at - SIM_T0) / MIN);
      if (k >= 0 && k < o.minutes) perMinute[k]!++;
    }

    // Alerts: every threshold that falls inside the run (after the first minute, so every agent has polled once).
    const breachGraceMs = periodMs;
    const outcomes: AlertOutcome[] = [];
    let duplicates = 0;
    for (const a of agents) {
      const seen = new Set<string>();
      for (const s of a.sent) {
        if (seen.has(s.key)) duplicates++;
        seen.add(s.key);
      }
      for (const t of a.tickets) {
        for (const threshold of thresholds) {
          const fireAt = t.breachAt - threshold * MIN;
          if (fireAt < SIM_T0 + periodMs || t.breachAt + breachGraceMs > end) continue;
          const first = a.sent.find((s) => s.alert.ticketId === t.id && s.alert.threshold === threshold);
          const sentAt = first?.at ?? null;
          const late = sentAt === null ? false : threshold > 0 ? sentAt >= t.breachAt : sentAt > t.breachAt + breachGraceMs;
          outcomes.push({ agent: a.id, ticketId: t.id, threshold, fireAt, dueAt: t.breachAt, sentAt, late });
        }
      }
    }
    const delays = outcomes.filter((x) => x.sentAt !== null).map((x) => (x.sentAt! - x.fireAt) / 1000).sort((x, y) => x - y);
    const missed = outcomes.filter((x) => x.sentAt === null).length;
    const late = outcomes.filter((x) => x.late).length;
    const polls = agents.map((a) => a.polls).sort((x, y) => x - y);
    const steady = perMinute.slice(1);
    const rateLimited = agentReqs.filter((r) => r.status === 429).length;
    const withinBudget = maxRolling <= o.budgetPerMinute && Math.max(0, ...steady) <= o.budgetPerMinute;
    const everyAlertBeforeBreach = missed === 0 && late === 0 && duplicates === 0;
    return {
      options: { ...o, policy: policy?.name ?? 'committed poller' },
      requestsPerMinute: steady,
      maxRollingMinute: maxRolling,
      agentRequests: agentReqs.length,
      otherRequests,
      rateLimited,
      otherRateLimited,
      serverErrors: agentReqs.filter((r) => r.status >= 500).length,
      pollsPerAgent: { min: polls[0] ?? 0, median: percentile(polls, 50), max: polls.at(-1) ?? 0 },
      alerts: {
        expected: outcomes.length,
        onTime: outcomes.length - missed - late,
        late,
        missed,
        duplicates,
        delaySeconds: { median: percentile(delays, 50), p95: percentile(delays, 95), max: delays.at(-1) ?? 0 },
      },
      breachGraceMs,
      verdict: { withinBudget, everyAlertBeforeBreach, pass: withinBudget && everyAlertBeforeBreach },
      wallMs: performance.now() - started,
      outcomes,
    };
  } finally {
    await replica.close();
  }
}

/**
 * The alternative policy the data asks for when other traffic shares the budget: each agent takes an equal,
 * jittered share of what the headers say is left. Next request after `agents / (remaining-per-minute share)`,
 * i.e. interval = 60 s × agents ÷ (limit × 0.8), never below 60 s, with ±20% jitter so agents drift apart.
 */
export const budgetSharePolicy: NetworkPolicy = {
  name: 'budget share (interval = agents ÷ 80% of limit, jittered)',
  nextAllowedAt({ now, agents, limit, random }) {
    const perMinute = Math.max(1, (limit ?? 200) * 0.8);
    const interval = Math.max(MIN, (MIN * agents) / perMinute);
    return now + Math.round(interval * (0.8 + 0.4 * random())) - 5_000;
  },
};

export function formatTeamResult(r: TeamResult): string {
  const o = r.options;
  const rpm = r.requestsPerMinute;
  const lines = [
    `${o.agents} agents, budget ${o.budgetPerMinute}/min, ${o.minutes} min, ${o.ticketsPerAgent} tickets each (${o.breachingPerAgent} breaching), ` +
      `${o.aligned ? 'aligned alarms' : 'random alarm phases'}, other traffic ${o.otherTrafficPerMinute}/min, policy: ${o.policy}`,
    `  agent requests/min: min ${Math.min(...rpm)}, median ${percentile([...rpm].sort((a, b) => a - b), 50)}, max ${Math.max(...rpm)}; ` +
      `max in any rolling minute (all traffic) ${r.maxRollingMinute}; 429s: agents ${r.rateLimited}, other ${r.otherRateLimited}/${r.otherRequests}`,
    `  agent requests per minute: ${rpm.join(' ')}`,
    `  polls per agent: min ${r.pollsPerAgent.min}, median ${r.pollsPerAgent.median}, max ${r.pollsPerAgent.max}`,
    `  alerts: ${r.alerts.expected} expected, ${r.alerts.onTime} on time, ${r.alerts.late} late, ${r.alerts.missed} missed, ${r.alerts.duplicates} duplicates; ` +
      `delay after threshold median ${r.alerts.delaySeconds.median}s, p95 ${r.alerts.delaySeconds.p95}s, max ${r.alerts.delaySeconds.max}s`,
    `  verdict: within budget ${r.verdict.withinBudget}, every alert before the breach ${r.verdict.everyAlertBeforeBreach} → ${r.verdict.pass ? 'PASS' : 'FAIL'} (${(r.wallMs / 1000).toFixed(1)} s wall)`,
  ];
  return lines.join('\n');
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const args = process.argv.slice(2);
  const num = (name: string, d: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const base: TeamOptions = {
    agents: num('agents', 200),
    budgetPerMinute: num('budget', 200),
    minutes: num('minutes', 90),
    otherTrafficPerMinute: num('other', 0),
    aligned: args.includes('--aligned'),
    log: true,
  };
  const r = await simulateTeam({ ...base, policy: args.includes('--budget-share') ? budgetSharePolicy : undefined });
  console.log(formatTeamResult(r));
}
