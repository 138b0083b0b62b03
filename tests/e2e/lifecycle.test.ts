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
