/**
 * The one-click STAR in real Chromium against the replica: exactly one note and tag (CSRF header, safe_update)
 * whatever the clicks, refused outside support hours, a safe_update conflict retried without overwriting the
 * other edit, a failed Slack post retried alone, and emergency mode opened by the keyboard shortcut's message.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { SEED } from '../../replica/server';
import { extensionIdFromUrl, extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser, killServiceWorker } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();
// Tuesday 24 Nov 2026 10:00 PST: inside GitLab Global Support Hours. Saturday 28 Nov 10:00 PST: outside.
const TUESDAY = Date.parse('2026-11-24T18:00:00Z');
const SATURDAY = Date.parse('2026-11-28T18:00:00Z');

const dialog = (page: Page) => page.locator('zso-escalation-dialog [role="dialog"]');

async function settings(value: { starTag: string; formUrlTemplate: string; slackWebhookUrl: string } | null): Promise<void> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.evaluate(async (v) => {
    await chrome.storage.local.remove('starRecords');
    if (v) await chrome.storage.local.set({ escalationSettings: v });
    else await chrome.storage.local.remove('escalationSettings');
  }, value);
  await page.close();
}

async function openDialog(id: number, theme?: 'dark'): Promise<Page> {
  const page = await h.openAgentPage(`/agent/tickets/${id}`, theme ? { theme } : {});
  await page.locator('zso-escalate-button button').click();
  await dialog(page).locator('[data-criterion], [data-star-record], .error').first().waitFor({ timeout: 10_000 });
  return page;
}

async function toConfirmation(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Continue to STAR…' }).click();
  await dialog(page).locator('textarea[name="desiredResult"]').fill('An engineer with Gitaly experience looks at the timeouts today.');
}

const killWorker = () => killServiceWorker(h.context, h.extensionId);

/** The stored STAR record's step states, read from a live worker. */
async function storedSteps(context: BrowserContext): Promise<Record<string, { status: string }> | null> {
  const worker: Worker | undefined = context.serviceWorkers().filter((w) => extensionIdFromUrl(w.url()) === h.extensionId).at(-1);
  if (!worker) return null;
  const all = (await worker.evaluate(async () => (await chrome.storage.local.get('starRecords'))['starRecords']).catch(() => null)) as Record<
    string,
    { steps: Record<string, { status: string }> }
  > | null;
  return all ? (Object.values(all)[0]?.steps ?? null) : null;
}

const puts = (id: number) => h.replica.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${id}`);
const notes = (id: number) => h.replica.store.commentsOf(id).filter((c) => !c.public && c.body.startsWith('STAR requested'));

beforeEach(async () => {
  h.replica.clock.set(TUESDAY);
  h.replica.store.reseed();
  await settings({ starTag: 'star_requested', formUrlTemplate: '', slackWebhookUrl: `${h.replica.url}/__replica/slack` });
});

describe('the one-click STAR', () => {
  it('writes exactly one internal note and one tag with the CSRF header, whatever a double click and a second tab do', async () => {
    // The team's STAR form: any page will do; the replica's clock endpoint stands in for it.
    await settings({ starTag: 'star_requested', formUrlTemplate: `${h.replica.url}/__replica/clock?ticket={ticket_id}&subject={subject}`, slackWebhookUrl: `${h.replica.url}/__replica/slack` });
    const a = await openDialog(SEED.ticketStarEligible);
    expect(await dialog(a).locator('[data-star-available]').getAttribute('data-star-available')).toBe('true');
    expect(await dialog(a).locator('[data-criterion="frt-breach"]').getAttribute('data-verdict')).toBe('pass');
    expect(await dialog(a).locator('[data-criterion="priority-changed"]').innerText()).toContain('from normal to high');
    expect(await dialog(a).locator('[data-criterion="last-reply"]').getAttribute('data-verdict')).toBe('pass');
    const b = await openDialog(SEED.ticketStarEligible);
    // A third tab with the dialog open and no click: it follows the STAR live.
    const watching = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(a);
    await toConfirmation(b);
    // Both tabs at once, one of them double-clicking. The clicks are dispatched in the pages themselves: with
    // Playwright's own clicks, whichever tab got its click in first could finish the STAR before the other's
    // click landed, and the other tab's dialog (rightly) replaces its button with the existing STAR.
    const submit = (page: Page, clicks: number) =>
      page.locator('zso-escalation-dialog button[type="submit"]').evaluate((button: HTMLButtonElement, n) => {
        for (let i = 0; i < n; i++) button.click();
      }, clicks);
    await Promise.all([submit(a, 2), submit(b, 1)]);
    for (const page of [a, b, watching]) {
      await dialog(page).locator('[data-step="zendesk"][data-status="done"]').waitFor({ timeout: 10_000 });
    }
    expect(puts(SEED.ticketStarEligible)).toHaveLength(1);
    expect(puts(SEED.ticketStarEligible)[0]!.csrf).toBe(true);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
    expect(notes(SEED.ticketStarEligible)[0]!.body).toContain('Desired result: An engineer with Gitaly experience');
    const tags = h.replica.store.ticket(SEED.ticketStarEligible)!.tags;
    expect(tags.filter((t) => t === 'star_requested')).toHaveLength(1);
    expect(tags).toEqual(expect.arrayContaining(['self_managed', 'premium']));
    expect(h.replica.slackMessages).toHaveLength(1);
    // The worker opened the form tab; it may still be navigating from about:blank.
    const formPages = () => h.context.pages().filter((p) => p.url().includes('/__replica/clock?'));
    await expect.poll(() => formPages().length, { timeout: 10_000 }).toBeGreaterThan(0);
    const forms = formPages();
    expect(forms.map((p) => new URL(p.url()).searchParams.get('ticket'))).toEqual([String(SEED.ticketStarEligible)]);
    expect(new URL(forms[0]!.url()).searchParams.get('subject')).toBe('Merge requests time out on our largest project since Monday');
    await forms[0]!.close();
    // A later click from a fresh tab shows the existing STAR instead of a new one.
    const c = await openDialog(SEED.ticketStarEligible);
    await dialog(c).locator('[data-star-record]').waitFor();
    expect(puts(SEED.ticketStarEligible)).toHaveLength(1);
  });

  it('refuses a STAR outside GitLab Global Support Hours and says when it opens', async () => {
    h.replica.clock.set(SATURDAY);
    h.replica.store.reseed();
    const page = await openDialog(SEED.ticketStarEligible);
    expect(await dialog(page).locator('[data-criterion="support-hours"]').getAttribute('data-verdict')).toBe('fail');
    const blocked = dialog(page).locator('[data-star-available="false"]');
    expect(await blocked.innerText()).toMatch(/Outside GitLab Global Support Hours.*STARs open again Sun 29 Nov, 15:00 \(PST\)/s);
    expect(await dialog(page).getByRole('button', { name: 'Continue to STAR…' }).isDisabled()).toBe(true);
    // Ticking a judged criterion does not lift the support-hours rule.
    await dialog(page).locator('[data-judged="stalled"]').check();
    expect(await dialog(page).getByRole('button', { name: 'Continue to STAR…' }).isDisabled()).toBe(true);
    expect(puts(SEED.ticketStarEligible)).toHaveLength(0);
  });

  it('retries a safe_update conflict on fresh data without overwriting the other edit', async () => {
    h.replica.faults.concurrentEditTag = 'edited_by_blake';
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    const step = dialog(page).locator('[data-step="zendesk"][data-status="done"]');
    await step.waitFor({ timeout: 10_000 });
    expect(await step.innerText()).toContain('retried on fresh data');
    expect(puts(SEED.ticketStarEligible).map((r) => r.status)).toEqual([409, 200]);
    expect(h.replica.store.ticket(SEED.ticketStarEligible)!.tags).toEqual(expect.arrayContaining(['edited_by_blake', 'star_requested', 'premium']));
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
  });

  it('keeps the Zendesk part when the Slack post fails, and retries the post alone', async () => {
    h.replica.faults.slackStatus = 404;
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    const slack = dialog(page).locator('[data-step="slack"][data-status="failed"]');
    await slack.waitFor({ timeout: 10_000 });
    expect(await slack.innerText()).toContain('Slack refused the message (404: no_service)');
    expect(await dialog(page).locator('[data-step="zendesk"]').getAttribute('data-status')).toBe('done');
    h.replica.faults.slackStatus = null;
    await dialog(page).getByRole('button', { name: 'Retry slack message' }).click();
    await dialog(page).locator('[data-step="slack"][data-status="done"]').waitFor({ timeout: 10_000 });
    expect(h.replica.slackMessages).toHaveLength(1);
    expect(puts(SEED.ticketStarEligible)).toHaveLength(1);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
  });

  it('recovers a worker killed in the middle of the Slack post: the note stays single, Retry posts once', async () => {
    h.replica.faults.slackHang = true;
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    await expect.poll(async () => (await storedSteps(h.context))?.['slack']?.status, { timeout: 10_000 }).toBe('running');
    await killWorker();
    h.replica.faults.slackHang = false;
    // The page's request died with the worker; it says so, and opening the dialog again shows what was recorded.
    await dialog(page).locator('.error').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('zso-escalate-button button').click();
    const slack = dialog(page).locator('[data-step="slack"][data-status="failed"]');
    await slack.waitFor({ timeout: 15_000 });
    expect(await slack.innerText()).toContain('Interrupted while posting to Slack');
    expect(await dialog(page).locator('[data-step="zendesk"]').getAttribute('data-status')).toBe('done');
    await dialog(page).getByRole('button', { name: 'Retry slack message' }).click();
    await dialog(page).locator('[data-step="slack"][data-status="done"]').waitFor({ timeout: 10_000 });
    expect(h.replica.slackMessages).toHaveLength(1);
    expect(puts(SEED.ticketStarEligible)).toHaveLength(1);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
  });

  // The fault matrix's browser rows (docs/faults.md, "Writes"); the rest of it is tests/unit/star/faults.test.ts.
  it('shows a 401 on the note in the dialog with Retry; after signing in again, Retry writes one note', async () => {
    h.replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarEligible}`, method: 'PUT', status: 401 }];
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    const zendesk = dialog(page).locator('[data-step="zendesk"][data-status="failed"]');
    await zendesk.waitFor({ timeout: 10_000 });
    expect(await zendesk.innerText()).toContain('signed out (401) while adding the internal note: sign in to Zendesk again, then Retry.');
    expect(notes(SEED.ticketStarEligible)).toHaveLength(0);
    delete h.replica.faults.rules;
    await dialog(page).getByRole('button', { name: 'Retry internal note and tag in Zendesk', exact: true }).click();
    await dialog(page).locator('[data-step="zendesk"][data-status="done"]').waitFor({ timeout: 10_000 });
    expect(puts(SEED.ticketStarEligible).map((r) => r.status)).toEqual([401, 200]);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
    expect(h.replica.slackMessages).toHaveLength(1);
  });

  it('gives up on a PUT that landed but never answered (5 s), says it may have landed; Retry finds the tag and adds no second note', async () => {
    h.replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarEligible}`, method: 'PUT', hangAfterApply: true }];
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    const zendesk = dialog(page).locator('[data-step="zendesk"][data-status="failed"]');
    await zendesk.waitFor({ timeout: 15_000 });
    expect(await zendesk.innerText()).toContain('did not answer in time while adding the internal note: it may have been added. Retry checks the ticket first');
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
    delete h.replica.faults.rules;
    await dialog(page).getByRole('button', { name: 'Retry internal note and tag in Zendesk', exact: true }).click();
    const done = dialog(page).locator('[data-step="zendesk"][data-status="done"]');
    await done.waitFor({ timeout: 10_000 });
    expect(await done.innerText()).toContain('no second note was added');
    expect(puts(SEED.ticketStarEligible)).toHaveLength(1);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
    expect(h.replica.store.ticket(SEED.ticketStarEligible)!.tags.filter((t) => t === 'star_requested')).toHaveLength(1);
  });

  it('finishes the STAR when its tab is closed mid-request: another tab shows it done, one note', async () => {
    h.replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarEligible}`, method: 'PUT', latencyMs: 1_500 }];
    const page = await openDialog(SEED.ticketStarEligible);
    await toConfirmation(page);
    await dialog(page).getByRole('button', { name: 'Request STAR' }).click();
    await expect.poll(async () => (await storedSteps(h.context))?.['zendesk']?.status, { timeout: 10_000 }).toBe('running');
    await page.close();
    const other = await openDialog(SEED.ticketStarEligible);
    await dialog(other).locator('[data-step="zendesk"][data-status="done"]').waitFor({ timeout: 10_000 });
    expect(puts(SEED.ticketStarEligible).map((r) => r.status)).toEqual([200]);
    expect(notes(SEED.ticketStarEligible)).toHaveLength(1);
    expect(h.replica.slackMessages).toHaveLength(1);
  });

  it("opens emergency mode from the shortcut's message, refuses the emergency form, and gives focus back on Escape", async () => {
    const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketEmergencyForm}`);
    const button = page.locator('zso-escalate-button button');
    await button.waitFor();
    const url = page.url();
    // The worker's command handler sends this message to the active Zendesk tab (unit-tested in tests/unit/star).
    const worker = extensionServiceWorker(h.context, h.extensionId)!;
    await worker.evaluate(async (u) => {
      const [tab] = await chrome.tabs.query({ url: u });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'zso:open-escalation' });
    }, url);
    const emergency = dialog(page).locator('[data-emergency]');
    await emergency.waitFor({ timeout: 10_000 });
    expect(await emergency.locator('[data-first-reply-countdown]').innerText()).toMatch(/First reply overdue by 40m/);
    expect(await emergency.innerText()).toMatch(/after one hour: crisis checklist/i);
    expect(await emergency.locator('[data-reminder]').innerText()).toContain('public reply resets the SLA');
    expect(await dialog(page).locator('[data-criterion="form"]').getAttribute('data-verdict')).toBe('fail');
    // Tab from the last control that shows (the paths' <summary>, its links hidden while closed) stays in the
    // modal: it wraps to the close button instead of leaving for the Zendesk page behind.
    const summary = dialog(page).locator('summary').last();
    if (await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open)) await summary.click();
    await summary.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('zso-escalation-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('zso-escalation-dialog').count()).toBe(0);
    // Opened by the shortcut, focus goes back to where it was (the page); opened by the button, to the button.
    await button.click();
    await dialog(page).waitFor();
    // The dialog takes the focus as it opens (tests/dom/star-dialog.test.ts checks it is in the same task).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('zso-escalation-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => button.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
  });
});
