/**
 * SLA badges in real Chromium with the built extension, against the local Zendesk replica.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED } from '../../replica/server';
import { badgeData, badges, useExtensionBrowser, waitForBadge } from './harness';

const h = useExtensionBrowser();

/** The deadline the replica will report for a ticket's most urgent running metric. */
function replicaDue(ticketId: number): string {
  const running = h.replica.store.ticket(ticketId)!.metrics.filter((m) => m.stage === 'active' && m.breachAt !== null);
  const due = Math.min(...running.map((m) => m.breachAt!));
  // Zendesk's breach_at has whole seconds.
  return new Date(Math.floor(due / 1000) * 1000).toISOString();
}

async function ticketBadgeText(page: Page, ticketId: number): Promise<string> {
  return badges(page, ticketId, 'ticket').evaluate((el) => el.shadowRoot!.querySelector('.text')!.textContent ?? '');
}

async function allBadgeHosts(page: Page) {
  return page.locator('zso-sla-badge').evaluateAll((els) =>
    els.map((el) => `${el.getAttribute('data-zso-place')}:${el.getAttribute('data-ticket-id')}`),
  );
}

describe('the badge on an open ticket', () => {
  it.each([
    ['ok', SEED.ticketDue3h, 'next_reply_time'],
    ['warning', SEED.ticketDue45m, 'first_reply_time'],
    ['critical', SEED.ticketDue12m, 'first_reply_time'],
    ['breached', SEED.ticketBreached30m, 'first_reply_time'],
  ])('shows a %s Zendesk SLA with its live breach time (ticket %i)', async (state, id, metric) => {
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const badge = await waitForBadge(page, id, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state, metric, due: replicaDue(id) });
  });

  it('shows the time left to the minute and counts every second in the last minute', async () => {
    const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketDue12m}`);
    await waitForBadge(page, SEED.ticketDue12m, 'ticket');
    const dueMs = Date.parse(replicaDue(SEED.ticketDue12m));
    await expect.poll(() => ticketBadgeText(page, SEED.ticketDue12m)).toBe(`${Math.floor((dueMs - Date.now()) / 60_000)}m`);
    // Named by what it shows (WCAG 2.5.3): the metric, then the visible text.
    const named = async () => {
      const shown = await ticketBadgeText(page, SEED.ticketDue12m);
      return badges(page, SEED.ticketDue12m, 'ticket').getByRole('button', { name: `First reply SLA: ${shown} Critical`, exact: true }).count();
    };
    await expect.poll(named).toBe(1);
    // Move the replica's deadline to 30 s from now and refetch by submitting: the badge counts seconds.
    h.replica.store.ticket(SEED.ticketDue12m)!.metrics[0]!.breachAt = Date.now() + 30_000;
    await page.reload();
    await waitForBadge(page, SEED.ticketDue12m, 'ticket');
    const first = await ticketBadgeText(page, SEED.ticketDue12m);
    expect(first).toMatch(/^\d{1,2}s$/);
    await expect.poll(() => ticketBadgeText(page, SEED.ticketDue12m), { timeout: 3_000 }).not.toBe(first);
    // The seconds are shown, not read: the name stays the same through the last minute.
    expect(await badges(page, SEED.ticketDue12m, 'ticket').getByRole('button', { name: 'First reply SLA: under 1m Critical', exact: true }).count()).toBe(1);
  });

  it('refreshes after the agent submits a public reply', async () => {
    const id = SEED.ticketDue12m;
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const badge = await waitForBadge(page, id, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'critical', metric: 'first_reply_time' });
    await page.locator('[data-test-id="ticket-rich-text-editor"]').first().fill('Thanks, looking into your runners now.');
    await page.locator('[data-test-id="submit_button-button"]').first().click();
    // The reply meets the first-reply target in Zendesk; the badge follows without a reload.
    await expect.poll(() => badgeData(badge), { timeout: 15_000 }).toMatchObject({ state: 'achieved', metric: 'first_reply_time', due: null });
  });

  it.each([
    ['paused', SEED.ticketPausedPending],
    ['achieved', SEED.ticketAchieved],
  ])('says %s when no Zendesk clock is running', async (state, id) => {
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const badge = await waitForBadge(page, id, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state, due: null });
  });

  it("falls back to the handbook's table where Zendesk has no SLA (Twitter: 1 business day)", async () => {
    const id = SEED.ticketNoSlaTwitter;
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const badge = await waitForBadge(page, id, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ metric: expect.stringMatching(/reply_time$/), state: expect.stringMatching(/ok|warning|critical|breached/) });
    await badge.locator('button').click();
    const details = badge.locator('[popover]');
    await expect.poll(() => details.isVisible()).toBe(true);
    expect(await details.innerText()).toContain('Handbook table: 1 business day');
  });

  it('opens the details with every metric, business time and the source', async () => {
    const id = SEED.ticketMultiMetric;
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    const badge = await waitForBadge(page, id, 'ticket');
    await badge.locator('button').focus();
    await page.keyboard.press('Enter');
    const details = badge.locator('[popover]');
    await expect.poll(() => details.isVisible()).toBe(true);
    const text = await details.innerText();
    for (const label of ['First reply', 'Next reply', 'Periodic update', 'of business time left', 'Zendesk SLA policy']) expect(text).toContain(label);
    await page.keyboard.press('Escape');
    await expect.poll(() => details.isVisible()).toBe(false);
  });

  it('shows a solved ticket as achieved', async () => {
    const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketSolved}`);
    const badge = await waitForBadge(page, SEED.ticketSolved, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'achieved', due: null });
  });

  it('says why there is no SLA when Zendesk answers 404 for a deleted ticket', async () => {
    const id = SEED.ticketDeleted;
    const page = await h.openAgentPage(`/agent/tickets/${id}`);
    // Zendesk shows no ticket pane for a deleted ticket, so the badge floats and says why.
    const badge = await waitForBadge(page, id, 'floating');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'none', due: null });
    await badge.locator('button').click();
    await expect.poll(() => badge.locator('[popover]').innerText()).toContain('no longer exists');
  });
});

describe('tabs, lists and navigation', () => {
  it('badges every row of a view with one request for the page of rows', async () => {
    const page = await h.openAgentPage(`/agent/filters/${SEED.viewAllUnsolved}`);
    await page.locator('tr[data-test-id="generic-table-row"]').first().waitFor();
    const rows = await page.locator('tr[data-test-id="generic-table-row"]').count();
    await expect.poll(() => page.locator('zso-sla-badge[data-zso-place="row"][data-sla-state]').count()).toBe(rows);
    const slaRequests = h.replica.requests.filter((r) => r.path.startsWith('/api/v2/tickets/'));
    expect(slaRequests.map((r) => r.path)).toEqual(['/api/v2/tickets/show_many']);
    expect(slaRequests[0]!.query['ids']!.split(',')).toHaveLength(rows);
  });

  it('badges the rows of search results', async () => {
    const page = await h.openAgentPage(`/agent/search/1?q=${encodeURIComponent('type:ticket status<solved priority:urgent')}`);
    await page.locator('tr[data-test-id="generic-table-row"]').first().waitFor();
    const rows = await page.locator('tr[data-test-id="generic-table-row"]').count();
    expect(rows).toBeGreaterThan(1);
    await expect.poll(() => page.locator('zso-sla-badge[data-zso-place="row"][data-sla-state]').count()).toBe(rows);
    const breached = badges(page, SEED.ticketBreached30m, 'row');
    await expect.poll(() => badgeData(breached)).toMatchObject({ state: 'breached', due: replicaDue(SEED.ticketBreached30m) });
  });

  it('badges each open ticket tab, with the ticket badge only in the selected pane', async () => {
    const page = await h.openAgentPage(`/agent/filters/${SEED.viewMine}`);
    for (const id of [SEED.ticketDue12m, SEED.ticketDue3h]) {
      await page.locator(`tr[aria-describedby="generic-table-row-${id}"] a`).click();
      await waitForBadge(page, id, 'ticket');
      await page.goBack();
      await page.locator('tr[data-test-id="generic-table-row"]').first().waitFor();
    }
    await waitForBadge(page, SEED.ticketDue12m, 'tab');
    await waitForBadge(page, SEED.ticketDue3h, 'tab');
    await page.locator(`[data-test-id="header-tab"][data-entity-id="${SEED.ticketDue12m}"]`).click();
    await waitForBadge(page, SEED.ticketDue12m, 'ticket');
    const hosts = (await allBadgeHosts(page)).filter((x) => x.startsWith('ticket:'));
    expect(hosts).toEqual([`ticket:${SEED.ticketDue12m}`]);
    await page.locator(`[data-test-id="header-tab"][data-entity-id="${SEED.ticketDue3h}"]`).click();
    await waitForBadge(page, SEED.ticketDue3h, 'ticket');
    expect((await allBadgeHosts(page)).filter((x) => x.startsWith('ticket:'))).toEqual([`ticket:${SEED.ticketDue3h}`]);
  });

  it('leaves no duplicate badge after 50 navigations', async () => {
    const page = await h.openAgentPage(`/agent/filters/${SEED.viewMine}`);
    const ids = [SEED.ticketDue12m, SEED.ticketDue3h, SEED.ticketBreached30m];
    for (let i = 0; i < 50; i++) {
      const id = ids[i % ids.length]!;
      // The first round opens each ticket from the view; then views and tab switches alternate.
      if (i < ids.length || i % 2 === 0) {
        await page.locator(`[data-test-id="replica-left-nav"] a[href="/agent/filters/${SEED.viewMine}"]`).click();
        await page.locator(`tr[aria-describedby="generic-table-row-${id}"] a`).click();
      } else {
        await page.locator(`[data-test-id="header-tab"][data-entity-id="${id}"]`).click();
      }
      await waitForBadge(page, id, 'ticket');
    }
    const hosts = await allBadgeHosts(page);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts.filter((x) => x.startsWith('ticket:'))).toHaveLength(1);
    expect(hosts.filter((x) => x.startsWith('tab:')).sort()).toEqual(ids.map((id) => `tab:${id}`).sort());
  });

  it('follows the dark theme', async () => {
    const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`, { theme: 'dark' });
    const badge = await waitForBadge(page, SEED.ticketDue3h, 'ticket');
    await expect.poll(() => badge.getAttribute('data-zso-theme')).toBe('dark');
    await page.locator('[data-test-id="replica-theme-toggle"]').click();
    await expect.poll(() => badge.getAttribute('data-zso-theme')).toBe('light');
  });

  it('floats the badge when Zendesk markup drifts', async () => {
    h.replica.faults.markupDrift = true;
    const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketDue45m}`);
    const badge = await waitForBadge(page, SEED.ticketDue45m, 'floating');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'warning', due: replicaDue(SEED.ticketDue45m) });
  });
});
