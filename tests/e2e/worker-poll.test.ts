/**
 * The poller in the real worker against the replica: opening a Zendesk page records the instance and starts a
 * poll at once; the agent's queue arrives in one search request and the due alerts appear as notifications.
 */
import { describe, expect, it } from 'vitest';
import { SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

describe('the background poller', () => {
  it("polls the agent's queue in one search request and notifies the tickets close to breach", async () => {
    await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
    const worker = () => extensionServiceWorker(h.context, h.extensionId)!;
    const shown = () => worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()));
    // The worker shows them one after another (each loads the icon): wait for the last of the three.
    await expect
      .poll(async () => (await shown()).map((id) => Number(id.split('|')[1])), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([SEED.ticketDue4m, SEED.ticketDue12m, SEED.ticketBreached30m]));
    const ids = await shown();
    expect(ids).toContainEqual(expect.stringContaining(`|${SEED.ticketDue4m}|first_reply_time|5|`));
    // One notification per ticket close to or past its breach (never one per threshold).
    const tickets = ids.map((id) => Number(id.split('|')[1]));
    expect(new Set(tickets).size).toBe(tickets.length);
    const searches = h.replica.requests.filter((r) => r.path === '/api/v2/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]?.query['query']).toBe('type:ticket assignee:me status<solved');
    const alarm = await worker().evaluate(() => chrome.alarms.get('zso-poll'));
    expect(alarm?.periodInMinutes).toBe(1);
    // The toolbar counts the agent's breached and critical tickets, red while any is breached.
    const queue = (await worker().evaluate(async () => (await chrome.storage.local.get('queueSnapshots'))['queueSnapshots'])) as Record<
      string,
      { tickets: { metrics: { stage: string; dueAt: number | null }[] }[] }
    >;
    const now = Date.now();
    const urgent = Object.values(queue)[0]!.tickets.filter((t) =>
      t.metrics.some((m) => m.stage === 'active' && m.dueAt !== null && m.dueAt - now <= 15 * 60_000),
    ).length;
    expect(urgent).toBeGreaterThan(0);
    await expect.poll(() => worker().evaluate(() => chrome.action.getBadgeText({}))).toBe(String(urgent));
    const colour = await worker().evaluate(() => chrome.action.getBadgeBackgroundColor({}));
    expect(colour.slice(0, 3)).toEqual([0xb3, 0x26, 0x1e]);
  });
});
