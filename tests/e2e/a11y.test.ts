/**
 * Accessibility in real Chromium: axe-core (injected over CDP, so the extension pages' CSP does not block it) on
 * every extension surface in light and dark, with no serious or critical violation; every button named by its
 * content holding its visible text (WCAG 2.5.3, as Chromium names it); and every control of the extension's own
 * UI reachable with Tab alone.
 *
 * `SURFACES` is the list: a page or state added later is one more entry with how to open it and which part of
 * the page is the extension's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../replica/server';
import { type Theme, useExtensionBrowser, waitForBadge } from './harness';

declare const chrome: typeof import('wxt/browser').browser;
declare const axe: typeof import('axe-core');

const h = useExtensionBrowser();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Surface {
  name: string;
  /** Opens the surface in the theme and returns the page, ready to check. */
  open: (theme: Theme) => Promise<Page>;
  /** The extension's part of the page (CSS selectors of shadow hosts); the whole page when absent. */
  within?: string[];
}

async function extensionPage(path: string, theme: Theme, size?: { width: number; height: number }): Promise<Page> {
  const page = await h.context.newPage();
  if (size) await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(`chrome-extension://${h.extensionId}/${path}`);
  return page;
}

const TUESDAY = Date.parse('2026-11-24T18:00:00Z');

async function escalationDialog(ticketId: number, theme: Theme): Promise<Page> {
  const page = await h.openAgentPage(`/agent/tickets/${ticketId}`, { theme });
  await page.emulateMedia({ colorScheme: theme });
  await page.locator('zso-escalate-button button').click();
  await page.locator('zso-escalation-dialog [data-criterion]').first().waitFor({ timeout: 10_000 });
  return page;
}

export const SURFACES: Surface[] = [
  {
    name: 'the ticket page badges and guidance panel, details open',
    within: ['zso-sla-badge', 'zso-guidance-panel'],
    open: async (theme) => {
      const page = await h.openAgentPage(`/agent/tickets/${SEED.ticketDue12m}`, { theme });
      await page.emulateMedia({ colorScheme: theme });
      const badge = await waitForBadge(page, SEED.ticketDue12m, 'ticket');
      await page.locator('zso-guidance-panel article[data-card-id]').first().waitFor({ state: 'visible' });
      await badge.locator('button').click();
      await badge.locator('[popover]').waitFor({ state: 'visible' });
      return page;
    },
  },
  {
    name: 'a view with a badge on every row',
    within: ['zso-sla-badge'],
    open: async (theme) => {
      const page = await h.openAgentPage(`/agent/filters/${SEED.viewAllUnsolved}`, { theme });
      await page.emulateMedia({ colorScheme: theme });
      await page.locator('zso-sla-badge[data-zso-place="row"]').first().waitFor({ state: 'visible' });
      return page;
    },
  },
  {
    // Tuesday afternoon Pacific: inside GitLab Global Support Hours, so the STAR's confirmation opens.
    name: 'the escalation dialog, at the STAR confirmation',
    within: ['zso-escalation-dialog'],
    open: async (theme) => {
      h.replica.clock.set(TUESDAY);
      h.replica.store.reseed();
      const page = await escalationDialog(SEED.ticketStarEligible, theme);
      await page.locator('zso-escalation-dialog').getByRole('button', { name: 'Continue to STAR…' }).click();
      await page.locator('zso-escalation-dialog textarea[name="desiredResult"]').waitFor();
      return page;
    },
  },
  {
    name: 'the escalation dialog in emergency mode',
    within: ['zso-escalation-dialog'],
    open: async (theme) => {
      h.replica.clock.set(TUESDAY);
      h.replica.store.reseed();
      return escalationDialog(SEED.ticketEmergencyForm, theme);
    },
  },
  {
    // Zendesk rate-limits the note's PUT: the failed step, and a Retry disabled while it counts Retry-After down.
    name: 'the escalation dialog, a STAR whose note Zendesk rate-limited',
    within: ['zso-escalation-dialog'],
    open: async (theme) => {
      h.replica.clock.set(TUESDAY);
      h.replica.store.reseed();
      await worker().evaluate(() => chrome.storage.local.remove('starRecords'));
      h.replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarEligible}`, method: 'PUT', status: 429, retryAfterSeconds: 120 }];
      const page = await escalationDialog(SEED.ticketStarEligible, theme);
      const dialog = page.locator('zso-escalation-dialog');
      await dialog.getByRole('button', { name: 'Continue to STAR…' }).click();
      await dialog.locator('textarea[name="desiredResult"]').fill('An engineer looks at the timeouts today.');
      await dialog.getByRole('button', { name: 'Request STAR' }).click();
      await dialog.locator('[data-step="zendesk"][data-status="failed"]').waitFor();
      await dialog.locator('[data-retry][aria-disabled="true"]').waitFor();
      return page;
    },
  },
  {
    name: 'the popup with a queue',
    open: async (theme) => {
      const page = await extensionPage('popup.html', theme, { width: 380, height: 600 });
      await page.getByRole('list', { name: 'Your tickets, by next breach' }).waitFor();
      return page;
    },
  },
  {
    // Over a ticket page, the most recent Zendesk tab.
    name: 'the page check',
    open: async (theme) => {
      await waitForBadge(await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`), SEED.ticketDue3h, 'ticket');
      const page = await extensionPage('check.html', theme);
      await page.getByRole('button', { name: 'Copy report' }).waitFor();
      return page;
    },
  },
  {
    name: 'the options page',
    open: async (theme) => {
      const page = await extensionPage('options.html', theme);
      await page.getByRole('heading', { name: 'Guidance playbook' }).waitFor();
      return page;
    },
  },
  {
    // The states that show a problem: a custom domain whose scripts the browser refused (with Try again), and a
    // saved Zendesk schedule whose daily refresh failed.
    name: 'the options page with a refused custom domain and a failed schedule refresh',
    open: async (theme) => {
      const domain = 'http://support.localhost:1';
      await worker().evaluate(async (origin) => {
        await chrome.storage.local.set({ customDomains: [{ origin, addedAt: Date.now() }] });
      }, domain);
      // The worker registers it on the change; its outcome is then replaced by a refusal.
      await expect.poll(() => worker().evaluate(async () => JSON.stringify((await chrome.storage.local.get('customDomainSync'))['customDomainSync'] ?? null))).toContain(domain);
      await worker().evaluate(
        async ({ replicaOrigin }) => {
          const now = Date.now();
          const schedule = { name: 'EMEA', time_zone: 'Amsterdam', intervals: [{ start_time: 1920, end_time: 2520 }] };
          await chrome.storage.local.set({
            customDomainSync: { at: now, origins: [], error: "The browser refused to set up the badges on your own domains (Duplicate script ID 'zso-custom-0')." },
            slaSettings: {
              presetId: 'handbook',
              priorities: {},
              channels: {},
              thresholds: { warningMinutes: 60, criticalMinutes: 15 },
              businessHours: { kind: 'zendesk', origin: replicaOrigin, scheduleId: 2, schedule, holidays: [], fetchedAt: now },
            },
            scheduleRefresh: { at: now + 1, error: 'Zendesk answered with an error (503) while fetching the schedule.' },
          });
        },
        { replicaOrigin: new URL(h.replica.url).origin },
      );
      const page = await extensionPage('options.html', theme);
      await page.getByRole('button', { name: `Try again for ${domain}` }).waitFor();
      await page.getByText('The daily refresh of this schedule from Zendesk failed').waitFor();
      return page;
    },
  },
];

function worker() {
  const sw = h.context.serviceWorkers()[0];
  if (!sw) throw new Error('The extension has no running service worker.');
  return sw;
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function axeViolations(page: Page, within?: string[]): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (include) => {
    const result = await axe.run(include ? { include: include.map((s) => [s]) } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.slice(0, 300)),
    }));
  }, within ?? null);
}

/** The extension's focusable controls, and the ones Tab reached (through shadow roots). */
async function tabReach(page: Page, within?: string[]): Promise<{ controls: string[]; reached: string[] }> {
  // Each control is named by its index among all of them (evaluate cannot share a function, and the extension
  // pages' CSP forbids rebuilding one from a string), marked on the element for the Tab walk to read.
  const controls = await page.evaluate(
    ({ hosts }) => {
      const roots: ParentNode[] = hosts ? hosts.flatMap((s) => [...document.querySelectorAll(s)].map((el) => el.shadowRoot ?? el)) : [document];
      const out: string[] = [];
      for (const root of roots) {
        for (const el of root.querySelectorAll('button, a[href], input, select, textarea, summary, [tabindex]')) {
          const style = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          if (el.matches(':disabled, [tabindex="-1"], [hidden] *, [popover]:not(:popover-open) *') || !el.checkVisibility() || style.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
          // A radio group is one Tab stop (arrow keys move within it).
          const radio = el instanceof HTMLInputElement && el.type === 'radio' ? `radio:${el.name}` : null;
          const name = radio ?? `${out.length}:${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}`;
          el.setAttribute('data-a11y-control', name);
          if (!out.includes(name)) out.push(name);
        }
      }
      return out;
    },
    { hosts: within ?? null },
  );
  const reached = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < controls.length * 2 + 40 && reached.size < new Set(controls).size; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('data-a11y-control') ?? null;
    });
    if (focused) reached.add(focused);
  }
  return { controls, reached: [...reached] };
}

/**
 * WCAG 2.5.3 label in name, as Chromium computes names: every button of the extension's UI whose name comes
 * from its content (axe checks only aria-label and aria-labelledby ones) has a name that contains the text it
 * shows, in order, letters and digits compared. The one exception is the countdown's seconds in the last minute,
 * shown but read as "under 1m" (see `BadgeView.spoken`). Returns the names, and the buttons that fail.
 */
async function labelInName(page: Page, within?: string[]): Promise<{ names: string[]; failing: string[] }> {
  const cdp = await h.context.newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[] };
  const names: string[] = [];
  const failing: string[] = [];
  for (const node of nodes) {
    if (node.ignored || node.role?.value !== 'button' || node.backendDOMNodeId === undefined) continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      arguments: [{ value: within ?? null }],
      returnByValue: true,
      functionDeclaration: `function (hosts) {
        const host = this.getRootNode().host;
        if (hosts && !(host && hosts.some((s) => host.matches(s)))) return null;
        if (this.hasAttribute('aria-label') || this.hasAttribute('aria-labelledby')) return null; // axe's rule
        const shown = [];
        const walker = document.createTreeWalker(this, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const r = t.parentElement.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) continue; // visually hidden
          if (t.parentElement.closest('[aria-hidden="true"]') && /^(\\+|opens )?\\d+s$/.test(t.textContent.trim())) continue;
          shown.push(t.textContent);
        }
        return shown.join(' ');
      }`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    const shown = result.value as string | null;
    if (shown === null) continue;
    const name = node.name?.value ?? '';
    names.push(name);
    const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (!letters(name).includes(letters(shown))) failing.push(`shows "${shown.trim()}", named "${name}"`);
  }
  await cdp.detach();
  return { names, failing };
}

beforeAll(async () => {
  // The popup needs a polled queue: open a Zendesk page once so the worker discovers and polls the replica.
  await h.openAgentPage(`/agent/tickets/${SEED.ticketDue3h}`);
  const polled = async () =>
    (await h.context.serviceWorkers()[0]?.evaluate(async () => Object.keys(((await chrome.storage.local.get('queueSnapshots'))['queueSnapshots'] ?? {}) as object).length)) === 1;
  for (const until = Date.now() + 15_000; !(await polled()); ) {
    if (Date.now() > until) throw new Error('The worker never polled the replica.');
    await new Promise((r) => setTimeout(r, 200));
  }
});

describe('accessibility', () => {
  const cases = SURFACES.flatMap((s) => (['light', 'dark'] as const).map((theme) => ({ ...s, theme })));
  it.each(cases)('$name ($theme): no serious or critical axe violation, label in name, every control reachable by Tab', async ({ open, within, theme }) => {
    const page = await open(theme);
    const violations = await axeViolations(page, within);
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(severe, JSON.stringify(severe, null, 1)).toEqual([]);
    const { names, failing } = await labelInName(page, within);
    expect(names.length).toBeGreaterThan(0);
    expect(failing).toEqual([]);
    const { controls, reached } = await tabReach(page, within);
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.filter((c) => !reached.includes(c))).toEqual([]);
    await page.close();
  });
});
