/**
 * Debian's Firefox ESR with the built Firefox (MV2) extension installed, driven over WebDriver BiDi by
 * puppeteer-core: Playwright drives only its own patched Firefox, which cannot be downloaded here. Used by
 * tests/e2e/firefox.test.ts. BiDi cannot open moz-extension:// pages, so Firefox is tested through the pages the
 * extension changes (Zendesk's) and the requests its background page sends.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from './browser';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `wxt build -b firefox --mode e2e` (npm run build:e2e): the Firefox build that also matches the replica. */
export const FIREFOX_EXTENSION_DIR_E2E = join(REPO_ROOT, '.output', 'firefox-mv2-e2e');

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id Firefox installed it under (the manifest's gecko id). */
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(extensionDir: string = FIREFOX_EXTENSION_DIR_E2E): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox is not at ${FIREFOX_PATH}: install it (apt-get install firefox-esr) or set FIREFOX_PATH.`);
  }
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${extensionDir}: run npm run build:e2e first.`);
  }
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  try {
    // A temporary add-on, as `about:debugging` loads one: unsigned, gone with the profile.
    const addonId = await browser.installExtension(extensionDir);
    return { browser, addonId, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Signs in on the replica's login page (its seeded agent is prefilled) and comes back to `path`. */
export async function signInOnReplica(page: Page, replicaUrl: string, path: string): Promise<void> {
  await page.goto(`${replicaUrl}${path}`);
  if (!new URL(page.url()).pathname.startsWith('/access/login')) return;
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}
