/**
 * Saves the replica's rendered Agent Workspace (two ticket tabs open, the first selected; and a view list) as
 * static HTML under tests/fixtures/, for the selector tests. The extension is not loaded, so the pages carry no
 * badges. Run: `npx tsx scripts/save-replica-pages.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SEED, startReplica } from '../replica/server';
import { CHROMIUM_PATH, REPO_ROOT } from './browser';

const replica = await startReplica({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext();
  await context.addCookies([{ ...replica.sessionCookie, url: replica.url }]);
  const page = await context.newPage();
  await page.goto(`${replica.url}/agent/filters/${SEED.viewMine}`);
  for (const id of [SEED.ticketDue12m, SEED.ticketNoSlaTwitter]) {
    await page.locator(`tr[aria-describedby="generic-table-row-${id}"] a`).click();
    await page.locator(`[data-test-id="ticket-${id}-custom-layout"] input[data-test-id="omni-header-subject"]`).waitFor();
    await page.goBack();
    await page.locator('tr[data-test-id="generic-table-row"]').first().waitFor();
  }
  await page.locator(`[data-test-id="header-tab"][data-entity-id="${SEED.ticketDue12m}"]`).click();
  await page.locator(`[data-test-id="ticket-${SEED.ticketDue12m}-custom-layout"] input[data-test-id="omni-header-subject"]`).waitFor();
  const save = async (name: string) => {
    // Input values live in properties; copy them into attributes so the saved page keeps them.
    const html = await page.evaluate(() => {
      for (const input of document.querySelectorAll('input')) input.setAttribute('value', input.value);
      // Markup only: no scripts or stylesheets to run or load where the page is read back.
      for (const el of document.querySelectorAll('script, link')) el.remove();
      return `<!doctype html>\n<!-- Saved from the local Zendesk replica by scripts/save-replica-pages.ts -->\n${document.documentElement.outerHTML}`;
    });
    writeFileSync(join(REPO_ROOT, 'tests/fixtures', name), html);
  };
  await save('replica-ticket.html');
  await page.locator(`[data-test-id="replica-left-nav"] a[href="/agent/filters/${SEED.viewAllUnsolved}"]`).click();
  await page.locator('tr[data-test-id="generic-table-row"]').first().waitFor();
  await save('replica-view.html');
} finally {
  await browser.close();
  await replica.close();
}
