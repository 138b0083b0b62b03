/**
 * Secrets in the real browser: with an API token saved for one instance, polls that succeed and polls that fail
 * (the token refused, a 500, malformed JSON), a second instance on another origin, the popup and the options
 * page. The token (and its Basic-auth encoding) must never appear in the worker's or any page's console, in
 * anything stored besides its own item (error records included), on the popup or options page, or in a request
 * to any origin but its own instance.
 */
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AGENT_EMAIL, API_TOKEN, SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

const SECRETS = [API_TOKEN, Buffer.from(`${AGENT_EMAIL}/token:${API_TOKEN}`).toString('base64')];

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

async function worker(): Promise<Worker> {
  await expect.poll(() => extensionServiceWorker(h.context, h.extensionId) !== undefined, { timeout: 15_000 }).toBe(true);
  return extensionServiceWorker(h.context, h.extensionId)!;
}

/** Records everything the worker writes to its console, and its uncaught errors. */
async function hookWorkerConsole(w: Worker): Promise<void> {
  await w.evaluate(() => {
    const g = globalThis as unknown as { __zsoLogs?: string[] };
    if (g.__zsoLogs) return;
    const logs: string[] = (g.__zsoLogs = []);
    const c = console as unknown as Record<string, (...args: unknown[]) => void>;
    for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace']) {
      const original = c[level]!.bind(console);
      c[level] = (...args: unknown[]) => {
        logs.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        original(...args);
      };
    }
    addEventListener('error', (e) => logs.push(String((e as ErrorEvent).message)));
    addEventListener('unhandledrejection', (e) => logs.push(String((e as PromiseRejectionEvent).reason)));
  });
}

describe('the API token', () => {
  it('never shows up in logs, stored errors, pages, or requests to any other origin', async () => {
    const pageConsole: string[] = [];
    h.context.on('console', (m) => pageConsole.push(m.text()));
    await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
    const origin = new URL(h.replica.url).origin;
    const otherOrigin = origin.replace('127.0.0.1', 'localhost');
    const w = await worker();
    await hookWorkerConsole(w);
    // The page's first message records the instance; wait for it before adding the second one beside it.
    await expect
      .poll(() => w.evaluate(async () => JSON.stringify((await chrome.storage.local.get('instances'))['instances'] ?? [])), { timeout: 15_000 })
      .toContain(origin);
    // The token for the replica's instance; a second instance on another origin signs in with the session.
    await w.evaluate(
      async ({ origin, otherOrigin, email, token }) => {
        await chrome.storage.local.set({ instanceAuth: { [origin]: { mode: 'token', email, token } } });
        const { instances } = (await chrome.storage.local.get('instances')) as { instances: { origin: string; firstSeen: number; lastSeen: number }[] };
        await chrome.storage.local.set({ instances: [...instances, { origin: otherOrigin, firstSeen: Date.now(), lastSeen: Date.now() }] });
      },
      { origin, otherOrigin, email: AGENT_EMAIL, token: API_TOKEN },
    );
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);

    const refresh = async (fault: (() => void) | null) => {
      // A fresh poll state each time, so a backoff from the last round does not skip this one.
      await (await worker()).evaluate(() => chrome.storage.local.remove('pollStates'));
      h.replica.reset();
      fault?.();
      const before = h.replica.requests.length;
      const searched = () => h.replica.requests.slice(before).some((r) => r.path === '/api/v2/search');
      // What the popup's Refresh sends; again while a pass already running (the first, on discovery) says busy.
      await expect
        .poll(async () => searched() || (await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'zso:popup-refresh' })), searched()), { timeout: 15_000, interval: 500 })
        .toBe(true);
    };
    await refresh(null);
    await refresh(() => (h.replica.faults.status = 401));
    await refresh(() => (h.replica.faults.status = 500));
    await refresh(() => (h.replica.faults.malformed = true));
    await refresh(() => (h.replica.faults.drift = 'types'));
    await expect.poll(() => popup.getByRole('alert').count()).toBeGreaterThan(0);

    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.getByRole('heading', { name: origin }).waitFor();
    const form = options.locator('form', { has: options.getByRole('heading', { name: origin }) });
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).not.toBe('');

    // Requests: the token went only to its own instance; the other origin never saw an Authorization header.
    const all = h.replica.requests;
    const host = new URL(origin).host;
    expect(all.filter((r) => r.authorization && r.host !== host)).toEqual([]);
    expect(all.some((r) => r.authorization && r.host === host)).toBe(true);
    expect(all.some((r) => r.host === new URL(otherOrigin).host)).toBe(true);

    // Storage: nothing but the token's own item holds it (poll errors, snapshots, ledger, settings).
    const stored = await (await worker()).evaluate(async () => {
      const everything = await chrome.storage.local.get(null);
      delete everything['instanceAuth'];
      return JSON.stringify(everything) + JSON.stringify(await chrome.storage.session?.get(null));
    });
    expect(stored).toContain('lastError');
    expect(leaks(stored)).toEqual([]);

    // Console of the worker and every page; what the popup and the options page show.
    const logs = await (await worker()).evaluate(() => (globalThis as unknown as { __zsoLogs?: string[] }).__zsoLogs ?? []);
    expect(leaks(logs.join('\n'))).toEqual([]);
    expect(leaks(pageConsole.join('\n'))).toEqual([]);
    for (const page of [popup, options] as Page[]) expect(leaks(await page.content())).toEqual([]);
    await popup.close();
    await options.close();
  });
});
