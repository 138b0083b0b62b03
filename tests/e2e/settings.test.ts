/**
 * The options page's settings in real Chromium against the replica: switching the SLA preset changes a badge's
 * deadline in an open ticket tab without a reload; an invalid schedule is refused at the field and the saved
 * one stays; a settings file exported here and imported into a fresh profile reproduces the same badges; a
 * custom domain (the replica under a second host name) gets its permission, its content scripts and badges.
 * Screenshots of the page, light and dark, go to a temporary directory; `ZSO_SCREENSHOTS=docs/screenshots` refreshes
 * the README's options-*.png (as in hostile.test.ts), so `npm test` leaves docs/ alone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '../../replica/server';
import { extensionServiceWorker, launchWithExtension, REPO_ROOT, signIn } from '../../scripts/browser';
import { badgeData, useExtensionBrowser, waitForBadge } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();
/** New, High, email, no Zendesk SLA: the preset decides (Handbook 8 business hours, GitLab current 4). */
const TICKET = SEED.ticketNoSlaEmail2;

async function storageValue(context: BrowserContext, extensionId: string, key: string): Promise<unknown> {
  return extensionServiceWorker(context, extensionId)!.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
}

async function openOptions(context: BrowserContext = h.context, extensionId = h.extensionId): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('heading', { name: 'SLA targets' }).waitFor();
  return page;
}

async function ticketDue(page: Page): Promise<string | null> {
  return (await badgeData((await waitForBadge(page, TICKET, 'ticket')).first())).due;
}

describe('settings on the options page', () => {
  // One browser for the file: each test starts from the default settings.
  beforeEach(async () => {
    await extensionServiceWorker(h.context, h.extensionId)!.evaluate(() =>
      chrome.storage.local.remove(['slaSettings', 'slaSettings$', 'alertSettings', 'alertSettings$', 'customDomains', 'customDomains$', 'escalationSettings', 'shift', 'scheduleRefresh', 'customDomainSync']),
    );
  });

  it('switches the preset and an open ticket tab shows the new deadline without a reload', async () => {
    const ticket = await h.openAgentPage(`/agent/tickets/${TICKET}`);
    const before = await ticketDue(ticket);
    expect(before).not.toBeNull();
    const options = await openOptions();
    const sla = options.locator('form', { has: options.getByRole('heading', { name: 'SLA targets' }) });
    await sla.getByLabel('Preset').selectOption('gitlab-current');
    await sla.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => sla.getByRole('status').innerText()).toContain('Saved');
    // Same tab, same document: 4 business hours from creation instead of 8, so an earlier deadline.
    const marker = await ticket.evaluate(() => ((window as unknown as { zsoMarker: number }).zsoMarker = 1));
    await expect.poll(() => ticketDue(ticket), { timeout: 10_000 }).not.toBe(before);
    expect(Date.parse((await ticketDue(ticket))!)).toBeLessThan(Date.parse(before!));
    expect(await ticket.evaluate(() => (window as unknown as { zsoMarker?: number }).zsoMarker)).toBe(marker);

    // Thresholds reach the page too: warning from 2 days before makes the badge "warning".
    await sla.getByLabel('Warning from (minutes left)').fill('1440');
    await sla.getByLabel('Critical from (minutes left)').fill('1439');
    await sla.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await badgeData((await waitForBadge(ticket, TICKET, 'ticket')).first())).state).toMatch(/warning|critical/);
  });

  it('refuses an invalid schedule with a message at the field and keeps the saved one', async () => {
    const options = await openOptions();
    const hours = options.locator('form', { has: options.getByRole('heading', { name: 'Business hours' }) });
    await hours.getByLabel('Our own weekly hours').check();
    await hours.getByLabel('Time zone').fill('Europe/Amsterdam');
    await hours.getByLabel('Open hours, one line per day or range of days').fill('Mon-Fri 09:00-17:00');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hours.getByRole('status').innerText()).toContain('Saved');
    const saved = await storageValue(h.context, h.extensionId, 'slaSettings');
    expect(saved).toMatchObject({ businessHours: { kind: 'custom', schedule: { time_zone: 'Europe/Amsterdam' } } });

    await hours.getByLabel('Open hours, one line per day or range of days').fill('Mon 17:00-09:00');
    await hours.getByRole('button', { name: 'Save' }).click();
    const field = hours.getByLabel('Open hours, one line per day or range of days');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
    expect(await options.locator(`[id="${describedBy[0]}"]`).innerText()).toContain('the end must be after the start');
    expect(await hours.getByRole('status').innerText()).toContain('Not saved');
    // The keyboard lands on the field to fix.
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('hours-intervals');

    // Keyboard only: fix the hours, then a wrong zone submitted with Enter.
    await options.keyboard.press('Control+A');
    await options.keyboard.type('Mon-Fri 09:00-17:00');
    await hours.getByLabel('Time zone').focus();
    await options.keyboard.press('Control+A');
    await options.keyboard.type('Mars/Olympus');
    await options.keyboard.press('Enter');
    await expect.poll(() => hours.locator('#hours-zone-error').innerText()).toContain('Unknown time zone');
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('hours-zone');
    expect(await storageValue(h.context, h.extensionId, 'slaSettings')).toEqual(saved);
  });

  it('fetches a Zendesk schedule by id, refusing an id Zendesk does not have', async () => {
    const origin = new URL(h.replica.url).origin;
    await h.openAgentPage(`/agent/tickets/${TICKET}`);
    await expect.poll(async () => JSON.stringify((await storageValue(h.context, h.extensionId, 'instances')) ?? []), { timeout: 10_000 }).toContain(origin);
    const options = await openOptions();
    const hours = options.locator('form', { has: options.getByRole('heading', { name: 'Business hours' }) });
    await hours.getByLabel('A Zendesk schedule, by its id').check();
    await hours.getByLabel('Zendesk', { exact: true }).selectOption(origin);
    await hours.getByLabel('Schedule id').fill('424242');
    await hours.getByRole('button', { name: 'Fetch' }).click();
    await expect.poll(() => hours.locator('#hours-schedule-id-error').innerText()).toContain('no schedule 424242');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hours.getByRole('status').innerText()).toContain('Not saved');

    await hours.getByLabel('Schedule id').fill('1');
    await hours.getByRole('button', { name: 'Fetch' }).click();
    await expect.poll(() => hours.locator('[data-fetched-schedule]').innerText()).toContain('GitLab Global Support Hours');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hours.getByRole('status').innerText()).toContain('Saved');
    expect(await storageValue(h.context, h.extensionId, 'slaSettings')).toMatchObject({
      businessHours: { kind: 'zendesk', origin, scheduleId: 1, schedule: { time_zone: 'Pacific Time (US & Canada)' } },
    });

    // A day later the worker's alarm fetches it again: an admin's change in Zendesk reaches the saved copy.
    const sw = extensionServiceWorker(h.context, h.extensionId)!;
    const ageSaved = () =>
      sw.evaluate(async () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored item, as the options page saved it
        const { slaSettings } = (await chrome.storage.local.get('slaSettings')) as { slaSettings: any };
        const dayAgo = Date.now() - 25 * 60 * 60_000;
        await chrome.storage.local.set({ slaSettings: { ...slaSettings, businessHours: { ...slaSettings.businessHours, schedule: { ...slaSettings.businessHours.schedule, name: 'Copy from yesterday' }, fetchedAt: dayAgo } } });
        await chrome.alarms.create('zso-poll', { delayInMinutes: 0.008 });
      });
    const savedName = async () => ((await storageValue(h.context, h.extensionId, 'slaSettings')) as { businessHours: { schedule: { name: string } } }).businessHours.schedule.name;
    await ageSaved();
    await expect.poll(savedName, { timeout: 10_000 }).toBe('GitLab Global Support Hours');
    // Zendesk failing: the saved copy stays, and the open options page says why without a reload.
    h.replica.faults.rules = [{ match: '/business_hours/schedules/', status: 503 }];
    await ageSaved();
    await expect.poll(() => hours.getByRole('alert').allInnerTexts(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^The daily refresh of this schedule from Zendesk failed \(.+\): Zendesk answered with an error \(503\).* The schedule fetched .+ is still in use/),
    ]);
    expect(await savedName()).toBe('Copy from yesterday');
  });

  it('exports the settings and a fresh profile that imports them shows the same badges', async () => {
    const options = await openOptions();
    const sla = options.locator('form', { has: options.getByRole('heading', { name: 'SLA targets' }) });
    await sla.getByLabel('Preset').selectOption('gitlab-current');
    await sla.getByLabel('High first reply target in hours').fill('2');
    await sla.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => sla.getByRole('status').innerText()).toContain('Saved');
    const ticket = await h.openAgentPage(`/agent/tickets/${TICKET}`);
    await expect.poll(async () => (await storageValue(h.context, h.extensionId, 'slaSettings')) !== undefined).toBe(true);
    const here = await ticketDue(ticket);

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; version: number; items: Record<string, unknown> };
    expect(file).toMatchObject({ format: 'zendesk-sla-overlay-settings', version: 1, items: { slaSettings: { version: 1 }, alertSettings: { version: 2 } } });
    expect(JSON.stringify(file)).not.toContain('token');

    const fresh = await launchWithExtension();
    try {
      await signIn(fresh.context, h.replica);
      const page = await openOptions(fresh.context, fresh.extensionId);
      await page.getByLabel('Import a settings file').setInputFiles((await download.path())!);
      const preview = page.locator('[data-settings-preview]');
      await expect.poll(() => preview.innerText()).toContain('presetId: "handbook" → "gitlab-current"');
      await page.getByRole('button', { name: 'Apply' }).click();
      const share = page.locator('section', { has: page.getByRole('heading', { name: 'Share settings with the team' }) });
      await expect.poll(() => share.getByRole('status').innerText()).toContain('Imported');
      const there = await fresh.context.newPage();
      await there.goto(`${h.replica.url}/agent/tickets/${TICKET}`);
      await expect.poll(() => ticketDue(there), { timeout: 10_000 }).toBe(here);
    } finally {
      await fresh.close();
    }
  });

  it('adds a custom domain, registers the content scripts for it, and shows the badges there', async () => {
    const port = new URL(h.replica.url).port;
    const second = `http://support.localhost:${port}`;
    await signIn(h.context, { ...h.replica, url: second });
    // Before: nothing registered, and the manifest's own matches do not cover the second host name.
    const manifest = await extensionServiceWorker(h.context, h.extensionId)!.evaluate(() => chrome.runtime.getManifest().content_scripts);
    expect(JSON.stringify(manifest)).not.toContain('support.localhost');
    expect(await extensionServiceWorker(h.context, h.extensionId)!.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    const options = await openOptions();
    await options.getByLabel('Zendesk address').fill(second);
    await options.getByRole('button', { name: 'Add domain' }).click();
    // The row says "active" once the worker has registered the scripts (its outcome is stored for this page).
    await expect.poll(() => options.locator('.domains li').innerText()).toMatch(new RegExp(`^${second}\\s+active`));
    expect(await storageValue(h.context, h.extensionId, 'customDomains')).toEqual([{ origin: second, addedAt: expect.any(Number) }]);
    await expect
      .poll(async () => (await extensionServiceWorker(h.context, h.extensionId)!.evaluate(() => chrome.scripting.getRegisteredContentScripts())).flatMap((s) => s.js ?? []))
      .toEqual(expect.arrayContaining(['content-scripts/zendesk.js', 'content-scripts/guidance.js']));

    const page = await h.context.newPage();
    await page.goto(`${second}/agent/tickets/${SEED.ticketDue3h}`);
    const badge = (await waitForBadge(page, SEED.ticketDue3h, 'ticket')).first();
    expect((await badgeData(badge)).state).toBe('ok');

    await options.getByRole('button', { name: `Remove ${second}` }).click();
    await expect.poll(async () => (await extensionServiceWorker(h.context, h.extensionId)!.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length).toBe(0);
    await page.close();
  });

  it('is labelled and drawn in light and dark (screenshots)', async () => {
    const dir = resolve(REPO_ROOT, process.env['ZSO_SCREENSHOTS'] ?? tmpdir());
    mkdirSync(dir, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await h.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 900, height: 900 });
      await page.goto(`chrome-extension://${h.extensionId}/options.html`);
      await page.getByRole('heading', { name: 'SLA targets' }).waitFor();
      // Every input, select and textarea has an accessible name.
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea')].filter((el) => {
          const id = el.id;
          const label = (id && document.querySelector(`label[for="${id}"]`)) || el.closest('label') || el.getAttribute('aria-label');
          return !label;
        }).length,
      );
      expect(unnamed).toBe(0);
      await page.screenshot({ path: join(dir, `options-top-${scheme}.png`) });
      await page.evaluate(() => document.getElementById('sla-title')!.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(dir, `options-${scheme}.png`) });
      await page.close();
    }
  });
});
