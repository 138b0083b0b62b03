/**
 * The content script when a new version is injected into an open tab (what the worker does after an update:
 * lib/background/reinject.ts). Chrome's own `runtime.reload()` unloads an extension loaded with
 * --load-extension instead of reloading it, so the test injects the new instance the way the worker does.
 */
import { describe, expect, it } from 'vitest';
import { SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser, waitForBadge } from './harness';

/** The extension API inside the worker, where `worker.evaluate` runs these callbacks. */
declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

describe('a re-injected content script', () => {
  it('takes over from the old instance and leaves exactly one set of badges', async () => {
    const id = SEED.ticketDue3h;
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const before = await (await waitForBadge(page, id, 'ticket')).getAttribute('data-zso-instance');
    const worker = extensionServiceWorker(h.context, h.extensionId)!;
    const injected = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({ url: chrome.runtime.getManifest().content_scripts![0]!.matches! });
      const tab = tabs.find((t) => t.url === url)!;
      await chrome.scripting.executeScript({ target: { tabId: tab.id! }, files: ['/content-scripts/zendesk.js'] });
      return tabs.length;
    }, page.url());
    expect(injected).toBe(1);
    const instances = () =>
      page.locator('zso-sla-badge').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-zso-place')}:${e.getAttribute('data-zso-instance')}`));
    await expect.poll(async () => (await instances()).some((x) => x.endsWith(`:${before}`))).toBe(false);
    const after = await instances();
    expect(after.map((x) => x.split(':')[0]).sort()).toEqual(['tab', 'ticket']);
    expect(new Set(after.map((x) => x.split(':')[1])).size).toBe(1);
  });
});

describe('a stopped worker', () => {
  it('is woken by the page and the badges still load', async () => {
    const page = await h.openAgentPage(`/agent/filters/${SEED.viewMine}`);
    await page.locator('zso-sla-badge[data-zso-place="row"][data-sla-state]').first().waitFor();
    expect(await stopExtensionWorker()).toBe(1);
    await page.locator(`tr[aria-describedby="generic-table-row-${SEED.ticketDue12m}"] a`).click();
    // The ticket's data is cached from its row; a ticket not seen yet needs the worker.
    await page.locator(`[data-test-id="replica-left-nav"] a[href="/agent/filters/${SEED.viewUnassigned}"]`).click();
    await waitForBadge(page, SEED.ticketDue45m, 'row');
    await expect.poll(() => badgeState(page, SEED.ticketDue45m)).toBe('warning');
  });
});

/** Kills the extension's service worker the way Chrome does when it is idle; returns how many were running. */
async function stopExtensionWorker(): Promise<number> {
  const cdp = await h.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`));
  // Killed: its target is gone (Chrome may already have started a fresh worker under a new target). Chrome
  // sometimes ignores a close while the worker is busy, so ask again until it is gone.
  const killed = new Set(workers.map((w) => w.targetId));
  const alive = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => killed.has(t.targetId));
  for (let attempt = 0; attempt < 20 && (await alive()).length > 0; attempt++) {
    for (const w of await alive()) await cdp.send('Target.closeTarget', { targetId: w.targetId }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(await alive()).toEqual([]);
  await cdp.detach();
  return workers.length;
}

function badgeState(page: import('playwright-core').Page, id: number) {
  return page.locator(`zso-sla-badge[data-zso-place="row"][data-ticket-id="${id}"]`).getAttribute('data-sla-state');
}
