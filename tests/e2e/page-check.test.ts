/**
 * The page check in real Chromium against the replica: opened from the popup over a Zendesk tab (or on its own,
 * for the most recent Zendesk tab), it lists which hooks held on that tab and what Zendesk's answers carried, and
 * "Copy report" gives a JSON skeleton that holds none of the hostile ticket's subject, names, emails, comments
 * or numbers.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../replica/server';
import { HOSTILE } from '../fixtures/hostile';
import { seedHostile } from './hostile-probe';
import { useExtensionBrowser, waitForBadge } from './harness';

const h = useExtensionBrowser();
/** `ZSO_SCREENSHOTS=docs/screenshots npx vitest run tests/e2e/page-check.test.ts` refreshes the README's pictures. */
const SCREENSHOTS = process.env['ZSO_SCREENSHOTS'] ?? tmpdir();
const AGENT_ID = 1001;

/** Opens the page check as the popup does, without a tab id: it takes the most recent Zendesk agent tab. */
async function openCheck(): Promise<{ page: Page; report: Record<string, unknown>; json: string }> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/check.html`);
  const pre = page.getByTestId('page-check-report');
  await pre.waitFor({ state: 'attached', timeout: 15_000 });
  const json = (await pre.textContent()) ?? '';
  return { page, report: JSON.parse(json) as Record<string, unknown>, json };
}

const verdict = (page: Page, hook: string) => page.locator(`tr[data-hook="${hook}"]`).getAttribute('data-verdict');

describe('the page check', () => {
  it('reports the hooks on a hostile ticket, and its report holds no ticket text, names, emails or numbers', async () => {
    seedHostile(h.replica.store, AGENT_ID, SEED.ticketHostileSubject);
    const ticket = h.replica.store.ticket(SEED.ticketHostileSubject)!;
    const requester = h.replica.store.user(ticket.requesterId)!;
    const comments = h.replica.store.commentsOf(SEED.ticketHostileSubject).map((c) => c.body);
    const zendesk = await h.openAgentPage(`/agent/tickets/${SEED.ticketHostileSubject}`);
    await waitForBadge(zendesk, SEED.ticketHostileSubject, 'ticket');

    const { page, report, json } = await openCheck();
    expect(await verdict(page, 'ticket-pane')).toBe('ok');
    expect(await verdict(page, 'subject-header')).toBe('ok');
    expect(await verdict(page, 'rows')).toBe('not-applicable');
    expect(report).toMatchObject({ page: { instance: 'local replica', route: 'ticket' }, extension: { version: expect.any(String) } });
    // The page's responses were seen by the worker (the badge's own request).
    await expect.poll(async () => (await openCheck()).report['responses'], { timeout: 15_000 }).not.toBeNull();

    for (const text of [ticket.subject, requester.name, requester.email, ...comments]) {
      if (text) expect(json, text.slice(0, 60)).not.toContain(text);
    }
    for (const s of HOSTILE) {
      if (!/^[A-Za-z0-9_.:-]+$/.test(s.text) && s.text.trim().length >= 4) expect(json, s.text.slice(0, 60)).not.toContain(s.text);
    }
    // No number in any value of the skeleton: ids of tickets and people are masked.
    const skeletonValues = JSON.stringify(report['skeleton']).match(/"(testId|gardenId|role)":"[^"]*"/g) ?? [];
    expect(skeletonValues.length).toBeGreaterThan(10);
    expect(skeletonValues.filter((v) => /\d/.test(v))).toEqual([]);
    expect(json).not.toContain(String(SEED.ticketHostileSubject));
  });

  it('reads in light and dark (screenshots)', async () => {
    const zendesk = await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
    await waitForBadge(zendesk, SEED.ticketDue3h, 'ticket');
    for (const scheme of ['light', 'dark'] as const) {
      const page = await h.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 820, height: 1000 });
      await page.goto(`chrome-extension://${h.extensionId}/check.html`);
      await page.getByTestId('page-check-report').waitFor({ state: 'attached', timeout: 15_000 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `page-check-${scheme}.png`), fullPage: true });
    }
  });

  it('counts the rows of a view and the open ticket tabs', async () => {
    const view = await h.openAgentPage(`/agent/filters/${SEED.viewAllUnsolved}`);
    await view.locator('zso-sla-badge[data-zso-place="row"]').first().waitFor({ timeout: 15_000 });
    const { page, report } = await openCheck();
    expect(await verdict(page, 'rows')).toBe('ok');
    const rows = (report['hooks'] as { hook: string; count?: number }[]).find((x) => x.hook === 'rows');
    expect(rows?.count).toBe(await view.locator('tr[data-test-id="generic-table-row"]').count());
    expect(await verdict(page, 'ticket-pane')).toBe('not-applicable');
  });

  it('says what to do when no Zendesk tab is open', async () => {
    for (const p of h.context.pages()) if (p.url().startsWith(h.replica.url)) await p.close();
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/check.html`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/^No Zendesk agent tab to check\./);
  });
});
