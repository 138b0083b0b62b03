/**
 * The guidance panel in real Chromium with the built extension, against the local Zendesk replica: the handbook's
 * cards per ticket, templates into the composer, reply checks while typing, and checklist ticks that persist.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED } from '../../replica/server';
import { useExtensionBrowser } from './harness';

const h = useExtensionBrowser();

// Playwright's CSS locators pierce open shadow roots, so these reach inside the panel.
const panel = (page: Page) => page.locator('zso-guidance-panel');
const composer = (page: Page) => page.locator('.workspace:visible [data-test-id="ticket-rich-text-editor"]');

async function openTicket(id: number, theme?: 'light' | 'dark'): Promise<Page> {
  const page = await h.openAgentPage(`/agent/tickets/${id}`, theme ? { theme } : {});
  await panel(page).locator('article[data-card-id]').first().waitFor({ state: 'visible', timeout: 10_000 });
  return page;
}

const cardIds = (page: Page) => panel(page).locator('article[data-card-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-card-id')));
const warningIds = (page: Page) => panel(page).locator('[data-check-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-check-id')));

describe('the guidance panel', () => {
  it.each([
    ['a Twitter ticket', SEED.ticketNoSlaTwitter, ['twitter']],
    ['a security disclosure', SEED.ticketSecurity, ['security-disclosure']],
    ['an emergency', SEED.ticketEmergency, ['emergency-first-response', 'emergency-crisis']],
    ['a plain email ticket', SEED.ticketNoSlaEmail, ['regular-fifo']],
  ])('shows the handbook cards for %s (ticket %i), most important first', async (_what, id, expected) => {
    const page = await openTicket(id);
    expect(await cardIds(page)).toEqual(expected);
    // Placed in the selected ticket's context panel, once.
    expect(await page.locator('zso-guidance-panel').count()).toBe(1);
    expect(await panel(page).getAttribute('data-zso-place')).toBe('side');
    expect(await panel(page).getAttribute('data-ticket-id')).toBe(String(id));
    const handbook = panel(page).locator('article[data-card-id] .why a').first();
    expect(await handbook.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await handbook.getAttribute('target')).toBe('_blank');
  });

  it('says why a card matched', async () => {
    const page = await openTicket(SEED.ticketNoSlaTwitter);
    const reasons = panel(page).locator('[data-card-id="twitter"] .reasons');
    await reasons.locator('summary').click();
    expect(await reasons.innerText()).toContain('channel is "twitter"');
  });

  it("inserts a template into the composer at the cursor, with the requester's first name and the ticket id", async () => {
    const page = await openTicket(SEED.ticketEmergency);
    await composer(page).click();
    await page.keyboard.type('Draft: ');
    await panel(page).locator('[data-template-id="first-response"] button', { hasText: 'Insert' }).click();
    await expect.poll(() => composer(page).innerText()).toContain('Hi Dana,');
    const text = await composer(page).innerText();
    expect(text.startsWith('Draft: Hi Dana,')).toBe(true);
    expect(text).toContain('(ticket #101)');
    expect(text).not.toContain('{{');
    expect(await panel(page).locator('.notice').innerText()).toContain('Inserted into the reply');
  });

  it('warns about a Twitter reply over 280 characters and clears when it is shortened', async () => {
    const page = await openTicket(SEED.ticketNoSlaTwitter);
    await composer(page).fill('Thanks for the report! '.repeat(14));
    await expect.poll(() => warningIds(page)).toEqual(['tweet-length']);
    expect(await panel(page).locator('[data-check-id="tweet-length"]').innerText()).toMatch(/321 characters, 41 over the limit of 280/);
    // The note under the composer says the same, and sending is not blocked.
    const note = page.locator('zso-guidance-note');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.locator('.note-message').innerText()).toContain('280');
    expect(await page.locator('.workspace:visible [data-test-id="submit_button-button"]').isEnabled()).toBe(true);
    await composer(page).fill('Thanks for the report! We are on it.');
    await expect.poll(() => warningIds(page)).toEqual([]);
    await expect.poll(() => note.isVisible()).toBe(false);
  });

  it('warns when a security reply lacks the "email us any time" line, and clears when it is added', async () => {
    const page = await openTicket(SEED.ticketSecurity);
    await composer(page).fill('Hi Nora, thanks for the report. We are looking into it.');
    await expect.poll(() => warningIds(page)).toContain('email-any-time');
    await composer(page).fill('Hi Nora, thanks for the report. We are looking into it. You can email us at any time for an update.');
    await expect.poll(() => warningIds(page)).toEqual([]);
  });

  it('keeps checklist ticks across a reload and in another tab', async () => {
    const page = await openTicket(SEED.ticketSecurity);
    const item = (p: Page) => panel(p).locator('[data-card-id="security-disclosure"] [data-item-id="email-any-time"] input');
    await item(page).check();
    await page.reload();
    await panel(page).locator('article[data-card-id]').first().waitFor();
    await expect.poll(() => item(page).isChecked()).toBe(true);
    const other = await openTicket(SEED.ticketSecurity);
    await expect.poll(() => item(other).isChecked()).toBe(true);
    // Unticking in one tab shows in the other without a reload.
    await item(other).uncheck();
    await expect.poll(() => item(page).isChecked()).toBe(false);
  });

  it('remembers that the agent collapsed it', async () => {
    const page = await openTicket(SEED.ticketNoSlaEmail);
    const toggle = panel(page).locator('button.toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.reload();
    await panel(page).locator('button.toggle').waitFor();
    await expect.poll(() => panel(page).locator('button.toggle').getAttribute('aria-expanded')).toBe('false');
    await panel(page).locator('button.toggle').click();
  });

  it.each(['light', 'dark'] as const)('looks tidy next to the workspace (%s screenshot)', async (theme) => {
    const page = await openTicket(SEED.ticketSecurity, theme);
    await page.setViewportSize({ width: 1400, height: 900 });
    await composer(page).fill('Hi Nora, thanks for the report.');
    await expect.poll(() => warningIds(page)).toContain('email-any-time');
    await page.screenshot({ path: `/tmp/guidance-${theme}.png` });
  });
});
