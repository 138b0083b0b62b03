/**
 * The page badges under faults, in real Chromium against the replica (the worker's side is worker-faults.test.ts;
 * docs/faults.md is the whole matrix). Every fault in `PAGE_FAULTS` breaks one ticket's API path only (replica
 * fault rules leave the Agent Workspace's own requests alone, so the ticket pane still renders), so all of them
 * run in parallel tabs: what the agent sees while the fault lasts, that nothing throws, and that each badge
 * recovers by itself once Zendesk answers again (the page re-asks every 15 s, after a 10 s backoff).
 *
 * A fault found later is one more row in `PAGE_FAULTS`.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type FaultRule } from '../../replica/server';
import { badgeData, badges, useExtensionBrowser, waitForBadge } from './harness';

const h = useExtensionBrowser();

export interface PageFault {
  name: string;
  ticketId: number;
  fault: Omit<FaultRule, 'match'>;
  /** What the badge's details say while the fault lasts (null: nothing goes wrong, the badge is as usual). */
  says: RegExp | null;
}

/** One ticket per fault; all have a running Zendesk SLA once the fault is gone. */
export const PAGE_FAULTS: PageFault[] = [
  { name: 'signed out (401)', ticketId: SEED.ticketDue4m, fault: { status: 401 }, says: /signed out/ },
  { name: 'forbidden (403)', ticketId: SEED.ticketDue12m, fault: { status: 403 }, says: /refused access/ },
  { name: 'deleted or hidden (404)', ticketId: SEED.ticketDue45m, fault: { status: 404 }, says: /no longer exists/ },
  { name: 'rate limited (429, Retry-After: 5)', ticketId: SEED.ticketDue3h, fault: { status: 429, retryAfterSeconds: 5 }, says: /rate limit was reached \(429\)\. SLA data will refresh in 5 s/ },
  { name: 'server error (500)', ticketId: SEED.ticketDue2d, fault: { status: 500 }, says: /answered with an error \(500\)/ },
  { name: 'bad gateway (502)', ticketId: SEED.ticketBreached30m, fault: { status: 502 }, says: /answered with an error \(502\)/ },
  { name: 'unavailable (503)', ticketId: SEED.ticketBreached2d, fault: { status: 503 }, says: /answered with an error \(503\)/ },
  { name: 'a request that never answers', ticketId: SEED.ticketMultiMetric, fault: { hang: true }, says: /did not answer in time/ },
  { name: 'malformed JSON', ticketId: SEED.ticketVoice, fault: { malformed: true }, says: /not valid JSON/ },
  { name: 'fields of the wrong type', ticketId: SEED.ticketMobile, fault: { drift: 'types' }, says: /did not have the expected shape/ },
  { name: 'unknown fields, optional fields missing', ticketId: SEED.ticketMessaging, fault: { drift: true }, says: null },
];

/** Console errors from the pages, less the browser's own "Failed to load resource" for the faulted responses. */
const errors: string[] = [];
const onConsole = (m: ConsoleMessage) => {
  if (m.type() === 'error' && !/Failed to load resource|net::ERR_/.test(m.text())) errors.push(m.text());
};

async function watch(page: Page): Promise<Page> {
  page.on('console', onConsole);
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

async function details(page: Page, id: number, where: 'ticket' | 'floating' = 'ticket'): Promise<string> {
  const badge = badges(page, id, where);
  return badge.evaluate((el) => {
    const root = el.shadowRoot!;
    return `${root.querySelector('button')?.title ?? ''} ${root.querySelector('[popover]')?.textContent ?? ''}`;
  });
}

beforeEach(() => {
  errors.length = 0;
});

afterEach(async () => {
  await h.context.setOffline(false);
  h.replica.clock.set(Date.now());
});

describe('page badges under faults', () => {
  it('show what went wrong for every fault at once, throw nothing, and recover by themselves', async () => {
    h.replica.faults.rules = PAGE_FAULTS.map((f) => ({ match: `/api/v2/tickets/${f.ticketId}`, ...f.fault }));
    const pages = await Promise.all(PAGE_FAULTS.map(async (f) => watch(await h.openAgentPage(`/agent/tickets/${f.ticketId}`))));
    await Promise.all(
      PAGE_FAULTS.map(async (f, i) => {
        const page = pages[i]!;
        const badge = await waitForBadge(page, f.ticketId, 'ticket', { timeout: 30_000 });
        if (f.says === null) {
          await expect.poll(() => badgeData(badge)).toMatchObject({ state: expect.not.stringMatching(/^none$/) });
          return;
        }
        // No data yet: "SLA ?" and, in its name and details, the reason.
        await expect.poll(() => details(page, f.ticketId), { timeout: 30_000 }).toMatch(f.says);
        expect(await badgeData(badge)).toMatchObject({ state: 'none', due: null });
      }),
    );
    // Zendesk answers again: every badge gets its clock without a reload.
    delete h.replica.faults.rules;
    await Promise.all(
      PAGE_FAULTS.map(async (f, i) => {
        const badge = badges(pages[i]!, f.ticketId, 'ticket');
        await expect.poll(async () => (await badgeData(badge)).due, { timeout: 45_000, interval: 500 }).not.toBeNull();
      }),
    );
    expect(errors).toEqual([]);
    // Backoff, not a storm: at most one request per 10 s per faulted ticket while the fault lasted.
    for (const f of PAGE_FAULTS.filter((x) => x.says !== null)) {
      const failed = h.replica.requests.filter((r) => r.path === `/api/v2/tickets/${f.ticketId}` && r.query['_client'] === undefined && r.status !== 200);
      expect(failed.length, f.name).toBeLessThanOrEqual(4);
    }
  }, 90_000);

  it('keeps the last good times when a refresh fails, says why, and recovers', async () => {
    const id = SEED.ticketDue12m;
    const page = await watch(await h.openAgentPage(`/agent/tickets/${id}`));
    const badge = await waitForBadge(page, id, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'critical' });
    const due = (await badgeData(badge)).due;
    h.replica.faults.rules = [{ match: `/api/v2/tickets/${id}`, status: 500 }];
    // A new comment (the agent's reply) makes the page refetch the ticket; Zendesk fails.
    await page.locator('[data-test-id="ticket-rich-text-editor"]').first().fill('Still looking.');
    await page.locator('[data-test-id="submit_button-button"]').first().click();
    await expect.poll(() => details(page, id), { timeout: 20_000 }).toMatch(/answered with an error \(500\)/);
    // The reply was public, so Zendesk would now say "achieved"; the badge keeps the last times it knows.
    expect(await badgeData(badge)).toMatchObject({ state: 'critical', due });
    delete h.replica.faults.rules;
    await expect.poll(() => badgeData(badge), { timeout: 40_000, interval: 500 }).toMatchObject({ state: 'achieved' });
    expect(errors).toEqual([]);
  }, 70_000);

  it('counts down from the server\'s time when the local clock is 10 minutes off either way', async () => {
    for (const off of [10, -10]) {
      // The replica's clock is the server's: ahead of the local clock when the local clock is behind.
      h.replica.clock.set(Date.now() - off * 60_000);
      h.replica.reset();
      const id = SEED.ticketDue12m;
      const page = await watch(await h.openAgentPage(`/agent/tickets/${id}`));
      const badge = await waitForBadge(page, id, 'ticket');
      await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'critical' });
      // 12 minutes by the server's clock, whatever the local clock says (2 or 22 minutes uncorrected).
      await expect
        .poll(() => badge.evaluate((el) => el.shadowRoot!.querySelector('.text')!.textContent), { message: `local clock ${off} minutes off` })
        .toMatch(/^1[12]m$/);
      await page.close();
    }
  });

  it('says the network is down while offline and recovers when it is back', async () => {
    const page = await watch(await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`));
    await waitForBadge(page, SEED.ticketDue3h, 'ticket');
    await h.context.setOffline(true);
    // The agent opens another ticket in the same tab while offline: Zendesk's own pane fails too, the badge floats.
    const other = SEED.ticketDue12m;
    await page.evaluate((url) => {
      history.pushState({}, '', url);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `/agent/tickets/${other}`);
    const floating = await waitForBadge(page, other, 'floating', { timeout: 15_000 });
    await expect.poll(() => details(page, other, 'floating'), { timeout: 15_000 }).toMatch(/could not be reached \(offline\?\)/);
    await h.context.setOffline(false);
    await expect.poll(async () => (await badgeData(floating)).state, { timeout: 40_000, interval: 500 }).toBe('critical');
    expect(errors).toEqual([]);
  }, 70_000);

  it('closing a tab in the middle of its request leaves the worker and other tabs working', async () => {
    h.replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketDue4m}`, hang: true }];
    const page = await watch(await h.openAgentPage(`/agent/tickets/${SEED.ticketDue4m}`));
    await expect.poll(() => h.replica.requests.some((r) => r.path === `/api/v2/tickets/${SEED.ticketDue4m}` && r.query['_client'] === undefined)).toBe(true);
    await page.close();
    delete h.replica.faults.rules;
    const next = await watch(await h.openAgentPage(`/agent/tickets/${SEED.ticketDue4m}`));
    const badge = await waitForBadge(next, SEED.ticketDue4m, 'ticket');
    await expect.poll(() => badgeData(badge)).toMatchObject({ state: 'critical' });
    expect(errors).toEqual([]);
  });
});
