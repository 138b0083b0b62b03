/**
 * Vitest helpers for real-browser tests: one Chromium with the built extension and one local Zendesk replica
 * per test file (launching Chromium costs about a second and the machines have two cores, so tests share it).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { BrowserContext, Locator, Page, Worker } from 'playwright-core';
import { startReplica, type Replica, type ReplicaOptions } from '../../replica/server';
import {
  EXTENSION_DIR_E2E,
  ensureBuilt,
  extensionIdFromUrl,
  launchWithExtension,
  signIn,
  type ExtensionBrowser,
} from '../../scripts/browser';

export type Theme = 'light' | 'dark';
/** Where a badge is mounted; mirrors the `data-zso-place` attribute on `zso-sla-badge`. */
export type BadgePlace = 'ticket' | 'tab' | 'row' | 'floating';

export interface HarnessOptions {
  replica?: ReplicaOptions;
  /** Default true. False leaves the browser without the session cookie, to test the signed-out path. */
  signedIn?: boolean;
  extensionDir?: string;
}

export interface ExtensionBrowserHarness {
  readonly browser: ExtensionBrowser;
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly replica: Replica;
  /** Opens `${replica.url}${path}` in a new tab (closed after the test) and waits for the page to load. */
  openAgentPage(path: string, options?: { theme?: Theme }): Promise<Page>;
}

/**
 * Call once at the top of a test file (or inside a `describe`). The replica is reset before each test and the
 * tabs a test opened are closed after it, so tests don't see each other's faults, clock or tickets.
 */
export function useExtensionBrowser(options: HarnessOptions = {}): ExtensionBrowserHarness {
  let browser: ExtensionBrowser | undefined;
  let replica: Replica | undefined;
  const openPages = new Set<Page>();

  beforeAll(async () => {
    const extensionDir = options.extensionDir ?? EXTENSION_DIR_E2E;
    await ensureBuilt(extensionDir);
    // Port 0: the OS picks a free port, so a demo on 4477 or a second checkout does not collide.
    replica = await startReplica({ host: '127.0.0.1', ...options.replica, port: options.replica?.port ?? 0 });
    browser = await launchWithExtension({ extensionDir });
    if (options.signedIn ?? true) await signIn(browser.context, replica);
  });

  beforeEach(() => {
    replica?.reset();
  });

  afterEach(async () => {
    await Promise.all([...openPages].map((page) => page.close().catch(() => undefined)));
    openPages.clear();
  });

  afterAll(async () => {
    await browser?.close();
    await replica?.close();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready: use it inside a test or hook, not at file level.`);
    return value;
  };

  return {
    get browser() {
      return need(browser, 'The browser');
    },
    get context() {
      return need(browser, 'The browser').context;
    },
    get extensionId() {
      return need(browser, 'The browser').extensionId;
    },
    get replica() {
      return need(replica, 'The replica');
    },
    async openAgentPage(path, pageOptions = {}) {
      const page = await need(browser, 'The browser').context.newPage();
      openPages.add(page);
      await page.goto(agentUrl(need(replica, 'The replica').url, path, pageOptions.theme));
      return page;
    },
  };
}

/** Joins the replica's origin and an agent path, adding `?theme=dark` when asked (keeps an existing query). */
export function agentUrl(base: string, path: string, theme?: Theme): string {
  const url = new URL(path, base);
  if (theme === 'dark') url.searchParams.set('theme', 'dark');
  return url.toString();
}

/** All SLA badges the extension mounted for a ticket in one place (one per metric). */
export function badges(page: Page, ticketId: number, where: BadgePlace): Locator {
  return page.locator(`zso-sla-badge[data-zso-place="${where}"][data-ticket-id="${ticketId}"]`);
}

/**
 * Waits until the extension shows a badge for the ticket where an agent would look for it, and returns all of
 * that ticket's badges there. Waits for visibility, not mere presence: a badge nobody can see is a failure.
 */
export async function waitForBadge(
  page: Page,
  ticketId: number,
  where: BadgePlace,
  options: { timeout?: number } = {},
): Promise<Locator> {
  const found = badges(page, ticketId, where);
  await found.first().waitFor({ state: 'visible', timeout: options.timeout ?? 10_000 });
  return found;
}

export interface BadgeData {
  ticketId: string | null;
  metric: string | null;
  state: string | null;
  due: string | null;
  place: string | null;
}

/** The badge's machine-readable attributes, so tests can assert state without parsing the rendered text. */
export async function badgeData(badge: Locator): Promise<BadgeData> {
  return badge.evaluate((el) => ({
    ticketId: el.getAttribute('data-ticket-id'),
    metric: el.getAttribute('data-sla-metric'),
    state: el.getAttribute('data-sla-state'),
    due: el.getAttribute('data-sla-due'),
    place: el.getAttribute('data-zso-place'),
  }));
}

/** The extension's service worker, or undefined while the extension has no background script (or it is asleep). */
export function serviceWorker(context: BrowserContext): Worker | undefined {
  return context.serviceWorkers().find((worker) => extensionIdFromUrl(worker.url()) !== null);
}

/**
 * Closes the extension's service worker over CDP, as Chrome does to an idle or misbehaving worker, asking again
 * while Chrome keeps a busy one alive, until no worker of the extension is left (the next event starts a new one).
 */
export async function killServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const find = async () =>
      ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }).targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
      );
    const until = Date.now() + 20_000;
    for (let target = await find(); target; target = await find()) {
      if (Date.now() > until) throw new Error('Chrome kept the service worker alive.');
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
