/**
 * Screenshots of the escalation dialog against the replica (light and dark): the decision helper, the
 * confirmation, a finished STAR, a STAR refused outside support hours, a STAR whose note Zendesk rate-limited
 * (Retry counting down Retry-After), and emergency mode. Needs the e2e build
 * (`npm run build:e2e`: it matches the replica's 127.0.0.1). Usage: `tsx scripts/screenshot-star.ts [dir]`.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SEED, startReplica } from '../replica/server';
import { EXTENSION_DIR_E2E, ensureBuilt, launchWithExtension, signIn } from './browser';

declare const chrome: typeof import('wxt/browser').browser;

const dir = resolve(process.argv[2] ?? 'docs/screenshots');
const TUESDAY = Date.parse('2026-11-24T18:00:00Z');
const SATURDAY = Date.parse('2026-11-28T18:00:00Z');

await mkdir(dir, { recursive: true });
await ensureBuilt(EXTENSION_DIR_E2E);
const replica = await startReplica({ host: '127.0.0.1', port: 0 });
const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR_E2E, headless: true, viewport: { width: 1300, height: 1000 } });
try {
  await signIn(browser.context, replica);
  const setup = async (clock: number) => {
    replica.reset();
    replica.clock.set(clock);
    replica.store.reseed();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.evaluate(async (hook) => {
      await chrome.storage.local.remove('starRecords');
      await chrome.storage.local.set({ escalationSettings: { starTag: 'star_requested', formUrlTemplate: '', slackWebhookUrl: hook } });
    }, `${replica.url}/__replica/slack`);
    await page.close();
  };
  const open = async (id: number, theme: string): Promise<Page> => {
    const page = await browser.context.newPage();
    await page.goto(`${replica.url}/agent/tickets/${id}${theme === 'dark' ? '?theme=dark' : ''}`);
    await page.locator('zso-escalate-button button').click();
    await page.locator('zso-escalation-dialog [data-criterion]').first().waitFor({ timeout: 10_000 });
    return page;
  };
  const shot = async (page: Page, name: string) => {
    const file = join(dir, name);
    await page.screenshot({ path: file });
    console.log(file);
  };
  for (const theme of ['light', 'dark']) {
    await setup(TUESDAY);
    let page = await browser.context.newPage();
    await page.goto(`${replica.url}/agent/tickets/${SEED.ticketStarEligible}${theme === 'dark' ? '?theme=dark' : ''}`);
    await page.locator('zso-escalate-button button').waitFor();
    await shot(page, `star-button-${theme}.png`);
    await page.close();
    page = await open(SEED.ticketStarEligible, theme);
    await page.locator('zso-escalation-dialog details.paths summary').click();
    await shot(page, `star-decision-${theme}.png`);
    await page.locator('zso-escalation-dialog details.paths summary').click();
    await page.getByRole('button', { name: 'Continue to STAR…' }).click();
    await page.locator('zso-escalation-dialog textarea[name="desiredResult"]').fill('An engineer with Gitaly experience looks at the timeouts today.');
    await page.locator('zso-escalation-dialog input[name="group"]').fill('https://gitlab.com/tecnologia');
    await shot(page, `star-confirm-${theme}.png`);
    replica.faults.slackStatus = 404;
    await page.getByRole('button', { name: 'Request STAR' }).click();
    await page.locator('zso-escalation-dialog [data-step="slack"][data-status="failed"]').waitFor();
    await shot(page, `star-done-${theme}.png`);
    await page.close();
    await setup(SATURDAY);
    page = await open(SEED.ticketStarEligible, theme);
    await shot(page, `star-closed-${theme}.png`);
    await page.close();
    // Zendesk rate-limits the note's PUT: the step fails with Retry-After, and Retry counts it down.
    await setup(TUESDAY);
    page = await open(SEED.ticketStarEligible, theme);
    await page.getByRole('button', { name: 'Continue to STAR…' }).click();
    await page.locator('zso-escalation-dialog textarea[name="desiredResult"]').fill('An engineer with Gitaly experience looks at the timeouts today.');
    replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarEligible}`, method: 'PUT', status: 429, retryAfterSeconds: 30 }];
    await page.getByRole('button', { name: 'Request STAR' }).click();
    await page.locator('zso-escalation-dialog [data-step="zendesk"][data-status="failed"]').waitFor();
    await shot(page, `star-rate-limited-${theme}.png`);
    await page.close();
    await setup(TUESDAY);
    page = await open(SEED.ticketEmergencyForm, theme);
    await shot(page, `emergency-${theme}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await replica.close();
}
