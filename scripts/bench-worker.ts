/**
 * Worker numbers for `npm run bench` (issue #3):
 * - API requests per poll for 10, 100 and 1,000 assigned tickets: the real `pollOnce` against the replica, whose
 *   store is given an agent with exactly that many open tickets (target ceil(N/100), never one per ticket);
 * - the service worker's JS heap holding a 1,000-ticket queue snapshot, in real Chromium: the worker polls a
 *   replica where the agent has 1,000 open tickets, then the heap is read over CDP on the worker target after a
 *   forced garbage collection (target under 15 MB).
 * - the team simulation (scripts/simulate-team.ts).
 */
import type { Replica } from '../replica/server';
import { extensionServiceWorker, launchWithExtension, signIn, ensureBuilt } from './browser';
import { addAgent, queueTicket, sessionFetch, SIM_T0, workerModules } from './simulate-team';

const MIN = 60_000;

/** Assigns `n` new open tickets with far-away breaches to `assigneeId`. */
function assignTickets(replica: Replica, template: NonNullable<ReturnType<Replica['store']['ticket']>>, assigneeId: number, n: number, firstId: number, now: number): void {
  for (let i = 0; i < n; i++) {
    const t = queueTicket(template, firstId + i, assigneeId, now + (180 + i) * MIN, now - (60 + i) * MIN);
    replica.store.tickets.set(t.id, t);
  }
}

export interface RequestsPerPoll {
  tickets: number;
  requests: number;
  ticketsStored: number;
  paths: string[];
}

export async function requestsPerPoll(sizes: readonly number[] = [10, 100, 1000]): Promise<RequestsPerPoll[]> {
  const m = await workerModules();
  const out: RequestsPerPoll[] = [];
  for (const n of sizes) {
    const now = SIM_T0;
    const replica = await m.replica.startReplica({ port: 0, host: '127.0.0.1', now: () => now });
    try {
      const template = replica.store.ticket(m.replica.SEED.ticketDue3h)!;
      const agentId = 30_000 + n;
      const cookie = await addAgent(replica, agentId);
      assignTickets(replica, template, agentId, n, 6_000_000, now);
      await m.storage.clear('local');
      await m.storageMod.rememberInstance(replica.url, now - MIN);
      replica.requests.length = 0;
      await m.poller.pollOnce({
        now: () => now,
        storage: m.storageMod.workerStorage,
        fetchFor: () => sessionFetch(cookie),
        notify: async () => undefined,
        setBadge: async () => undefined,
        preset: () => m.presets.SLA_PRESETS[m.presets.DEFAULT_PRESET_ID],
        calendar: () => m.calendar.gitlabCalendar('global'),
        random: () => 0.5,
      });
      const snapshot = (await m.storageMod.workerStorage.snapshots.get())[replica.url];
      out.push({ tickets: n, requests: replica.requests.length, ticketsStored: snapshot?.tickets.length ?? 0, paths: replica.requests.map((r) => r.path) });
    } finally {
      await replica.close();
    }
  }
  return out;
}

export interface WorkerHeap {
  tickets: number;
  usedBytes: number;
  totalBytes: number;
  snapshotJsonBytes: number;
}

/** Sends a CDP command to a worker target through the browser session (non-flattened target session). */
async function workerCdp(cdp: import('playwright-core').CDPSession, sessionId: string, method: string, params: object = {}): Promise<Record<string, unknown>> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CDP ${method} timed out`)), 30_000);
    const onMessage = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const msg = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      if (msg.id !== id) return;
      clearTimeout(timer);
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
      else resolve(msg.result ?? {});
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
}

/** Reads the service worker's JS heap (after GC) over CDP. */
export async function serviceWorkerHeap(context: import('playwright-core').BrowserContext, extensionId: string): Promise<{ usedBytes: number; totalBytes: number }> {
  const browser = context.browser();
  if (!browser) throw new Error('A persistent context has no Browser object to open a browser CDP session on.');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!target) throw new Error('The extension service worker is not running.');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    await workerCdp(cdp, sessionId, 'HeapProfiler.enable');
    await workerCdp(cdp, sessionId, 'HeapProfiler.collectGarbage');
    const heap = (await workerCdp(cdp, sessionId, 'Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return { usedBytes: heap.usedSize, totalBytes: heap.totalSize };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

declare const chrome: typeof import('wxt/browser').browser;

export async function workerHeapWith1000Tickets(): Promise<WorkerHeap> {
  const { startReplica, SEED } = await import('../replica/server');
  await ensureBuilt();
  const replica = await startReplica({ port: 0, host: '127.0.0.1' });
  const eb = await launchWithExtension({});
  try {
    await signIn(eb.context, replica);
    const now = replica.clock.now();
    const assigned = replica.store.liveTickets().filter((t) => t.assigneeId === SEED.agent && !['solved', 'closed'].includes(t.status)).length;
    const template = replica.store.ticket(SEED.ticketDue3h)!;
    assignTickets(replica, template, SEED.agent, 1000 - assigned, 6_000_000, now);
    const page = await eb.context.newPage();
    await page.goto(`${replica.url}/agent/tickets/${SEED.ticketDue3h}`);
    const worker = () => extensionServiceWorker(eb.context, eb.extensionId);
    const deadline = Date.now() + 60_000;
    let stored = 0;
    let jsonBytes = 0;
    while (Date.now() < deadline) {
      const r = await worker()?.evaluate(async () => {
        const v = (await chrome.storage.local.get('queueSnapshots'))['queueSnapshots'] as Record<string, { tickets: unknown[] }> | undefined;
        const s = v ? Object.values(v)[0] : undefined;
        return { n: s?.tickets.length ?? 0, bytes: v ? JSON.stringify(v).length : 0 };
      });
      stored = r?.n ?? 0;
      jsonBytes = r?.bytes ?? 0;
      if (stored >= 1000) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    if (stored < 1000) throw new Error(`The worker stored ${stored} tickets, not 1,000.`);
    // Let the pass finish (alerts and badge) before measuring.
    await new Promise((res) => setTimeout(res, 1000));
    const heap = await serviceWorkerHeap(eb.context, eb.extensionId);
    return { tickets: stored, ...heap, snapshotJsonBytes: jsonBytes };
  } finally {
    await eb.close();
    await replica.close();
  }
}
