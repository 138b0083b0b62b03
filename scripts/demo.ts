/**
 * `npm start`: the extension running against the local Zendesk replica in a real Chromium window.
 * `npm start -- --screenshot <dir>`: the same pages rendered headless to PNGs (light and dark), for reviews and
 * for machines without a screen.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED, startReplica, type Replica } from '../replica/server';
import { buildExtension, launchWithExtension, signIn, type ExtensionBrowser } from './browser';

const DEFAULT_PORT = 4477;
/** Long enough for the content script to fetch SLAs from the replica and render; short enough to fail fast. */
const BADGE_TIMEOUT_MS = 15_000;
// A first reply due in 12 minutes stays "running" for the whole demo (4 minutes would breach while you look),
// and "my tickets" lists a mix of running, breached, paused and SLA-less rows.
const DEMO_TICKET_ID = SEED.ticketDue12m;
const DEMO_VIEW_ID = SEED.viewMine;

interface DemoArgs {
  port: number;
  screenshotDir: string | null;
}

function readArgs(argv: string[]): DemoArgs {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, screenshot: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}`);
  return { port, screenshotDir: values.screenshot === undefined ? null : resolve(values.screenshot) };
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));

  console.log('Building the extension (wxt build --mode e2e)…');
  await buildExtension();

  const replica = await startReplica({ host: '127.0.0.1', port: args.port });
  const ticketPath = `/agent/tickets/${DEMO_TICKET_ID}`;
  const viewPath = `/agent/filters/${DEMO_VIEW_ID}`;
  console.log(`Zendesk replica: ${replica.url}`);
  console.log(`Sign in:         ${replica.url}/access/login?return_to=${encodeURIComponent(replica.url + ticketPath)}`);

  try {
    return args.screenshotDir === null
      ? await runHeaded(replica, [ticketPath, viewPath])
      : await takeScreenshots(replica, args.screenshotDir, { ticketPath, viewPath });
  } finally {
    await replica.close();
  }
}

/** Opens the pages in a window and keeps everything running until Ctrl-C or the browser is closed. */
async function runHeaded(replica: Replica, paths: string[]): Promise<number> {
  const browser = await launchWithExtension({ headless: false, viewport: null, handleSignals: false });
  console.log(`Chromium up in ${browser.launchMs} ms, extension ${browser.extensionId}`);
  await signIn(browser.context, replica);

  const closed = new Promise<void>((resolvePromise) => {
    browser.context.once('close', () => resolvePromise());
    // Playwright's own signal handling is off (it would exit before the replica stops), so shut down here.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => void browser.close().then(resolvePromise));
    }
  });

  await openTabs(browser.context, paths.map((p) => replica.url + p));
  console.log(
    browser.headless
      ? `Running headless; open ${replica.url}${paths[0]} in your own browser (with the build loaded). Ctrl-C to stop.`
      : 'Close the browser window or press Ctrl-C to stop.',
  );
  await closed;
  await browser.close();
  console.log('Stopped.');
  return 0;
}

async function openTabs(context: BrowserContext, urls: string[]): Promise<void> {
  // A persistent context starts with one blank tab; reuse it so the window has exactly the demo's tabs.
  const blank = context.pages().find((page) => page.url() === 'about:blank');
  for (const [index, url] of urls.entries()) {
    const page = index === 0 && blank ? blank : await context.newPage();
    await page.goto(url);
  }
  await context.pages()[0]?.bringToFront();
}

/** Writes ticket/view × light/dark PNGs; exits non-zero when a page shows no badge, but still writes it. */
async function takeScreenshots(
  replica: Replica,
  dir: string,
  paths: { ticketPath: string; viewPath: string },
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const browser: ExtensionBrowser = await launchWithExtension({ headless: true, viewport: { width: 1400, height: 900 } });
  console.log(`Chromium up in ${browser.launchMs} ms, extension ${browser.extensionId}`);
  let missing = 0;
  try {
    await signIn(browser.context, replica);
    const shots = [
      { name: 'ticket', path: paths.ticketPath },
      { name: 'view', path: paths.viewPath },
    ];
    for (const theme of ['light', 'dark'] as const) {
      for (const shot of shots) {
        const page = await browser.context.newPage();
        try {
          const url = new URL(shot.path, replica.url);
          if (theme === 'dark') url.searchParams.set('theme', 'dark');
          await page.goto(url.toString());
          const badges = await waitForBadges(page);
          const file = join(dir, `${shot.name}-${theme}.png`);
          await page.screenshot({ path: file });
          if (badges === 0) {
            missing += 1;
            console.warn(`warning: no zso-sla-badge on ${url} after ${BADGE_TIMEOUT_MS} ms; wrote ${file} anyway`);
          } else {
            console.log(`${file} (${badges} badge${badges === 1 ? '' : 's'})`);
          }
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return missing === 0 ? 0 : 1;
}

async function waitForBadges(page: Page): Promise<number> {
  const badges = page.locator('zso-sla-badge');
  try {
    await badges.first().waitFor({ state: 'visible', timeout: BADGE_TIMEOUT_MS });
  } catch {
    return 0;
  }
  // Badges for the other rows/tabs render in the same pass, but give the shadow roots a frame to paint.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return badges.count();
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
