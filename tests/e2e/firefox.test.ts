/**
 * The Firefox build (MV2) at run time, in Debian's Firefox ESR against the replica: the content scripts badge a
 * ticket, its tab and a view's rows with Zendesk's own breach times; the background page polls the agent's
 * queue with the Zendesk session (no token) and answers the escalation dialog; hostile ticket content stays
 * inert text. `npm run lint:firefox` checks the
 * package; this checks that it runs. Extension pages (popup, options) cannot be opened over WebDriver BiDi, so
 * they are covered in Chromium only (same code, same storage API).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { SEED, startReplica, type Replica } from '../../replica/server';
import { launchFirefoxWithExtension, signInOnReplica, type FirefoxWithExtension } from '../../scripts/firefox';
import { inertnessProbe, seedHostile } from './hostile-probe';

let replica: Replica;
let firefox: FirefoxWithExtension;
let page: Page;

beforeAll(async () => {
  replica = await startReplica({ host: '127.0.0.1', port: 0 });
  firefox = await launchFirefoxWithExtension();
  page = await firefox.browser.newPage();
  await signInOnReplica(page, replica.url, `/agent/tickets/${SEED.ticketDue12m}`);
});
afterAll(async () => {
  await firefox?.close();
  await replica?.close();
});
beforeEach(() => replica.reset());

/** The API requests the extension sent (the replica's own Agent Workspace app tags its requests). */
const extensionRequests = () => replica.requests.filter((r) => r.query['_client'] !== 'agent-app');

async function breachAt(ticketId: number): Promise<string> {
  const cookie = `${replica.sessionCookie.name}=${replica.sessionCookie.value}`;
  const body = (await (await fetch(`${replica.url}/api/v2/tickets/${ticketId}?include=slas`, { headers: { cookie } })).json()) as {
    ticket: { slas: { policy_metrics: { metric: string; breach_at: string | null }[] } };
  };
  return body.ticket.slas.policy_metrics.find((m) => m.metric === 'first_reply_time')!.breach_at!;
}

/**
 * Waits for `selector` inside the shadow root of `host`, checking every 100 ms: puppeteer's waitForSelector
 * watches the document's mutations, and a change inside a shadow root is not one, so it could sleep through it.
 */
async function inShadow(host: string, selector: string): Promise<void> {
  await page.waitForFunction((h, s) => Boolean(document.querySelector(h)?.shadowRoot?.querySelector(s)), { polling: 100, timeout: 15_000 }, host, selector);
}

async function badgeAttrs(place: 'ticket' | 'tab', ticketId: number): Promise<Record<string, string | null>> {
  const selector = `zso-sla-badge[data-zso-place="${place}"][data-ticket-id="${ticketId}"][data-sla-state]`;
  await page.waitForSelector(selector, { timeout: 15_000 });
  return page.$eval(selector, (el) => ({
    state: el.getAttribute('data-sla-state'),
    metric: el.getAttribute('data-sla-metric'),
    due: el.getAttribute('data-sla-due'),
    text: el.shadowRoot?.querySelector('.badge')?.textContent ?? null,
  }));
}

describe('the Firefox build in Firefox ESR', () => {
  it("badges the ticket and its tab with Zendesk's breach time", async () => {
    await page.goto(`${replica.url}/agent/tickets/${SEED.ticketDue12m}`);
    const due = new Date(await breachAt(SEED.ticketDue12m)).toISOString();
    const ticket = await badgeAttrs('ticket', SEED.ticketDue12m);
    expect(ticket).toMatchObject({ state: 'critical', metric: 'first_reply_time', due });
    // The screen-reader prefix, then what is shown: "First reply SLA: 11m Critical".
    expect(ticket.text).toMatch(/^First reply SLA: 1[12]m\s*Critical$/);
    expect(await badgeAttrs('tab', SEED.ticketDue12m)).toMatchObject({ state: 'critical', due });
  });

  it('badges every row of a view with one request for the page of rows', async () => {
    await page.goto(`${replica.url}/agent/filters/${SEED.viewAllUnsolved}`);
    await page.waitForSelector('tr[data-test-id="generic-table-row"]');
    const rows = await page.$$eval('tr[data-test-id="generic-table-row"]', (els) => els.length);
    await expect
      .poll(() => page.$$eval('zso-sla-badge[data-zso-place="row"][data-sla-state]', (els) => els.length), { timeout: 15_000 })
      .toBe(rows);
    const sla = extensionRequests().filter((r) => r.path.startsWith('/api/v2/tickets/'));
    expect(sla.map((r) => r.path)).toEqual(['/api/v2/tickets/show_many']);
    expect(sla[0]!.query['ids']!.split(',')).toHaveLength(rows);
  });

  it("discovers a new Zendesk and polls the agent's own queue from the background page with its session", async () => {
    // The replica under a second host name is a Zendesk the extension has not seen: its first page makes the
    // background page poll it at once, with that host's session cookie (no API token is set).
    const other = replica.url.replace('127.0.0.1', 'localhost');
    await signInOnReplica(page, other, `/agent/tickets/${SEED.ticketDue3h}`);
    await badgeAttrs('ticket', SEED.ticketDue3h);
    await expect
      .poll(
        () =>
          extensionRequests()
            .filter((r) => r.host?.startsWith('localhost:') && r.path === '/api/v2/search' && r.query['query']?.includes('assignee:me'))
            .map((r) => [r.status, r.authorization]),
        { timeout: 15_000 },
      )
      .toEqual([[200, false]]);
  });

  it('opens the escalation dialog, with the STAR checks the background page read from Zendesk', async () => {
    await page.goto(`${replica.url}/agent/tickets/${SEED.ticketStarEligible}`);
    await inShadow('zso-escalate-button', 'button');
    await page.click('zso-escalate-button >>> button');
    await inShadow('zso-escalation-dialog', '[data-criterion]');
    const dialog = await page.$eval('zso-escalation-dialog', (el) => el.shadowRoot!.querySelector('[role="dialog"]')!.textContent ?? '');
    expect(dialog).toContain(`Escalate ticket #${SEED.ticketStarEligible}`);
    expect(dialog).toContain('Ticket created more than 30 minutes ago');
    // Read by the background page, not the page: the audits (priority changed) and the ticket form.
    const paths = extensionRequests().map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining([`/api/v2/tickets/${SEED.ticketStarEligible}/audits`, `/api/v2/tickets/${SEED.ticketStarEligible}/comments`]));
  });

  it('renders the hostile corpus in subjects, names, tags and comments as inert text', async () => {
    // A payload that runs calls this (in any frame it reaches `top`); it must never be called.
    const preload = await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __zsoPwned: (n: number) => void; __zsoPwnCount: number };
      w.__zsoPwnCount = 0;
      w.__zsoPwned = () => void (w.__zsoPwnCount += 1);
    });
    const dialogs: string[] = [];
    const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => void (dialogs.push(d.message()), d.dismiss());
    page.on('dialog', onDialog);
    try {
      seedHostile(replica.store, SEED.agent, SEED.ticketHostileSubject);
      await page.goto(`${replica.url}/agent/tickets/${SEED.ticketHostileSubject}`);
      await badgeAttrs('ticket', SEED.ticketHostileSubject);
      await inShadow('zso-guidance-panel', 'article[data-card-id]');
      await inShadow('zso-escalate-button', 'button');
      await page.click('zso-escalate-button >>> button');
      await inShadow('zso-escalation-dialog', '[data-criterion="last-reply"]');
      // The requester's name is `<img src=x onerror=…>`: shown as those characters, not as an image.
      await expect
        .poll(() => page.$eval('zso-escalation-dialog', (el) => el.shadowRoot!.querySelector('[data-criterion="last-reply"]')!.textContent ?? ''))
        .toContain('<img src=x');
      const result = await page.evaluate(inertnessProbe, false);
      expect(result.roots).toBeGreaterThanOrEqual(4);
      expect(result.bad).toEqual([]);
      expect(result.ran).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      page.off('dialog', onDialog);
      await page.removeScriptToEvaluateOnNewDocument(preload.identifier);
    }
  });
});
