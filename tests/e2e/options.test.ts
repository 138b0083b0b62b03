/**
 * The options page in real Chromium: an instance discovered from an agent page, its sign-in switched to an
 * API token with validation at the field and a live connection test, and the worker polling with the token
 * once the browser's Zendesk session is gone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT_EMAIL, API_TOKEN, SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

async function storageValue(key: string): Promise<unknown> {
  return extensionServiceWorker(h.context, h.extensionId)!.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
}

async function openOptions(): Promise<Page> {
  const origin = new URL(h.replica.url).origin;
  await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
  await expect.poll(async () => JSON.stringify((await storageValue('instances')) ?? []), { timeout: 15_000 }).toContain(origin);
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByRole('heading', { name: origin }).waitFor();
  return page;
}

describe('the options page', () => {
  it('switches an instance to an API token, refusing invalid input at the field', async () => {
    const page = await openOptions();
    const form = page.locator('form', { has: page.getByRole('heading', { name: new URL(h.replica.url).origin }) });
    await form.getByLabel('Use an API token').check();
    await form.getByLabel('Your Zendesk email').fill('alex');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('.field-error').allInnerTexts()).toEqual([
      expect.stringContaining('email address'),
      expect.stringContaining('Paste the API token'),
    ]);
    expect(await storageValue('instanceAuth')).toBeUndefined();

    await form.getByLabel('Your Zendesk email').fill(AGENT_EMAIL);
    await form.getByLabel('API token', { exact: true }).fill('wrongTokenWrongToken123');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toContain('refused these credentials');

    await form.getByLabel('API token', { exact: true }).fill(API_TOKEN);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe(`Signed in as Alex Agent (${AGENT_EMAIL}).`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved.');
    const origin = new URL(h.replica.url).origin;
    expect(await storageValue('instanceAuth')).toEqual({ [origin]: { mode: 'token', email: AGENT_EMAIL, token: API_TOKEN } });
    // The page never shows the token again, only its last characters.
    await page.reload();
    await expect.poll(() => page.getByLabel('API token', { exact: true }).getAttribute('placeholder')).toContain(API_TOKEN.slice(-4));
    expect(await page.content()).not.toContain(API_TOKEN);
  });

  it('polls with the token when the browser is signed out of Zendesk', async () => {
    const page = await openOptions();
    const origin = new URL(h.replica.url).origin;
    const form = page.locator('form', { has: page.getByRole('heading', { name: origin }) });
    await form.getByLabel('Use an API token').check();
    await form.getByLabel('Your Zendesk email').fill(AGENT_EMAIL);
    await form.getByLabel('API token', { exact: true }).fill(API_TOKEN);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved.');

    await h.context.clearCookies();
    const before = h.replica.requests.length;
    // What the popup's Refresh sends (a worker cannot message itself, so from this extension page).
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'zso:popup-refresh' }));
    await expect.poll(() => h.replica.requests.slice(before).filter((r) => r.path === '/api/v2/search').map((r) => r.status), { timeout: 15_000 }).toContain(200);
    const states = (await storageValue('pollStates')) as Record<string, { lastError: unknown }>;
    expect(states[origin]?.lastError).toBeNull();

    await form.getByLabel('Use my Zendesk session').check();
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toContain('Not signed in');
  });
});
