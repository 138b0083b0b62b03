/**
 * The toolbar popup in real Chromium against the replica: opening a Zendesk page discovers the instance and
 * polls it; the popup then lists the agent's own tickets by next breach with the page badges' states, opens a
 * ticket in a tab, and says "Open Zendesk and sign in" once the session is gone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

async function discoverAndPoll(): Promise<void> {
  await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
  const origin = new URL(h.replica.url).origin;
  await expect
    .poll(
      async () =>
        extensionServiceWorker(h.context, h.extensionId)?.evaluate(async (o) => {
          const { queueSnapshots } = await chrome.storage.local.get('queueSnapshots');
          return Boolean((queueSnapshots as Record<string, unknown> | undefined)?.[o]);
        }, origin),
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function openPopup(): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 380, height: 640 });
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  return page;
}

describe('the toolbar popup', () => {
  it("lists the agent's own tickets by next breach with the badges' states, and opens one in Zendesk", async () => {
    await discoverAndPoll();
    const popup = await openPopup();
    const list = popup.getByRole('list', { name: 'Your tickets, by next breach' });
    await list.waitFor();
    const rows = list.locator('li.row');
    const ids = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-ticket-id')))));
    const states = Object.fromEntries(await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-ticket-id'), el.getAttribute('data-sla-state')])));

    // Only tickets assigned to the agent.
    expect(ids).toEqual(expect.arrayContaining([SEED.ticketDue4m, SEED.ticketDue12m, SEED.ticketDue3h, SEED.ticketBreached30m, SEED.ticketAchieved]));
    expect(ids).not.toContain(SEED.ticketDue45m); // unassigned
    expect(ids).not.toContain(SEED.ticketDue2d); // another agent's
    // By next breach: the breached one first, then the nearest deadlines; met and no-SLA tickets last.
    const order = [SEED.ticketBreached30m, SEED.ticketDue4m, SEED.ticketDue12m, SEED.ticketDue3h, SEED.ticketAchieved].map((id) => ids.indexOf(id));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(states[String(ids[0])]).toBe('breached'); // filler tickets breached longer ago may come first
    expect(states[String(SEED.ticketBreached30m)]).toBe('breached');
    expect(states[String(SEED.ticketDue4m)]).toBe('critical');
    expect(states[String(SEED.ticketDue12m)]).toBe('critical');
    expect(states[String(SEED.ticketDue3h)]).toBe('ok');
    expect(states[String(SEED.ticketAchieved)]).toBe('achieved');

    // The handbook's next ticket: an urgent (emergency) one, the breached urgent first.
    // Named by what it shows (WCAG 2.5.3), under its heading; the deadline in words is its description.
    const next = popup.getByRole('region', { name: 'Next ticket to work' }).getByRole('button', { name: /^\+\d+m #106 \S/ });
    await expect.poll(() => next.count()).toBe(1);
    const described = await next.getAttribute('aria-describedby');
    expect(await popup.locator(`#${described}`).textContent()).toMatch(/^First reply SLA breached \d+ minutes ago$/);
    // Urgent tickets cannot be snoozed, and the popup says why.
    await popup.getByRole('button', { name: `Snooze alerts for ticket ${SEED.ticketDue4m}` }).click();
    await expect.poll(() => popup.getByText('Urgent tickets cannot be snoozed').count()).toBe(1);

    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: `/tmp/popup-${scheme}.png`, fullPage: true });
    }

    const opened = h.context.waitForEvent('page');
    await list.getByRole('button', { name: new RegExp(`^\\d+m #${SEED.ticketDue12m} .* · First reply SLA critical$`) }).press('Enter');
    const tab = await opened;
    await tab.waitForURL(`**/agent/tickets/${SEED.ticketDue12m}`);
    await tab.close();
    await popup.close();
  });

  it('says "Open Zendesk and sign in" once the session has ended', async () => {
    await discoverAndPoll();
    await h.context.clearCookies();
    const popup = await openPopup();
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => popup.getByText('Open Zendesk and sign in.').count(), { timeout: 15_000 }).toBe(1);
    await popup.close();
  });
});
