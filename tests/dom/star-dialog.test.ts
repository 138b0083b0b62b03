// @vitest-environment happy-dom
/**
 * The escalation shell and dialog on a saved replica ticket page, with the worker replaced by the real
 * eligibility code behind a fake `send`: the button's place, an accessible dialog (labelled, focus kept inside,
 * Escape closes and gives focus back), ticket text rendered as text, one request per double click.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { assessStar, type StarFacts } from '@/lib/star/eligibility';
import { BUTTON_TAG, DIALOG_TAG, startEscalationShell } from '@/lib/star/shell';
import { STAR_CHECK, STAR_REQUEST, STAR_RETRY, type StarCheckResponse, type StarRequestResponse } from '@/lib/messaging';
import type { StarRecordView } from '@/lib/star/types';
import { loadPage } from '../support/dom';
import { starFacts } from '../unit/star/facts';

const NOW = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;

function check(over: Partial<StarFacts> = {}): StarCheckResponse {
  const facts = starFacts(NOW, { ticketId: 102, subject: '<img src=x onerror=alert(1)> MRs time out', createdAt: NOW - 300 * MIN, tags: ['premium'], firstReply: { stage: 'active', breachAt: NOW - 90 * MIN }, lastPublicAuthor: { kind: 'customer', name: '<b>Erik</b>' }, meId: 1, ...over });
  return {
    ok: true,
    assessment: assessStar(facts, NOW, gitlabCalendar('global'), 'UTC'),
    record: null,
    actions: { tag: 'star_requested', form: false, slack: true, problems: {} },
    existingTag: false,
  };
}

const record: StarRecordView = {
  ticketId: 102,
  requestedAt: NOW,
  form: { urgency: 'medium', reason: 'r', desiredResult: 'd', plan: '', group: '' },
  tag: 'star_requested',
  steps: { zendesk: { status: 'done', message: 'Internal note and tag star_requested added.' }, form: { status: 'skipped' }, slack: { status: 'failed', message: 'Slack refused the message (404: no_service).' } },
};

const settle = () => vi.advanceTimersByTimeAsync(20);
const dialogRoot = () => document.querySelector(DIALOG_TAG)?.shadowRoot ?? null;
const dialog = () => dialogRoot()?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
const button = () => document.querySelector(BUTTON_TAG)!.shadowRoot!.querySelector('button')!;
const press = (key: string, shiftKey = false) => dialog()!.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));

describe('the escalation dialog', () => {
  let controller: AbortController;
  let sent: { type: string }[];
  let reply: StarCheckResponse;
  let requestReply: Promise<StarRequestResponse>;

  function start() {
    return startEscalationShell({
      doc: document,
      location: { pathname: '/agent/tickets/102', search: '' },
      send: async (m) => {
        sent.push(m as { type: string });
        return (m as { type: string }).type === STAR_CHECK ? reply : requestReply;
      },
      now: () => Date.now(),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (id) => clearInterval(id as number),
      signal: controller.signal,
    });
  }

  /** Starts the shell, opens the dialog and goes on to the confirmation. */
  async function openConfirmation() {
    start();
    await settle();
    button().click();
    await settle();
    dialogRoot()!.querySelector<HTMLButtonElement>('.actions .primary')!.click();
    await settle();
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'setInterval', 'clearInterval', 'Date'] });
    loadPage('replica-ticket.html');
    controller = new AbortController();
    sent = [];
    reply = check();
    requestReply = Promise.resolve({ ok: true, record, created: true });
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  it("puts one Escalate button in the selected ticket's header, with its shortcut", async () => {
    start();
    await settle();
    document.body.append(document.createElement('div'));
    await settle();
    expect(document.querySelectorAll(BUTTON_TAG)).toHaveLength(1);
    const host = document.querySelector<HTMLElement>(BUTTON_TAG)!;
    expect(host.dataset.zsoPlace).toBe('header');
    expect(host.closest('[data-test-id="omni-header"]')).not.toBeNull();
    expect(button().getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+E');
  });

  it('opens a labelled modal dialog with the criteria, ticket text as text', async () => {
    start();
    await settle();
    button().click();
    await settle();
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).toBe('true');
    const title = dialogRoot()!.getElementById(d.getAttribute('aria-labelledby')!);
    expect(title?.textContent).toBe('Escalate ticket #102');
    expect(d.querySelector('[data-criterion="frt-breach"]')?.getAttribute('data-verdict')).toBe('pass');
    expect(d.querySelector('[data-criterion="last-reply"]')?.textContent).toContain('<b>Erik</b>');
    expect(d.querySelector('b, img')).toBeNull();
    expect(sent).toEqual([{ type: STAR_CHECK, ticketId: 102 }]);
  });

  it('takes the focus in the same task as the click that opens it, so an Escape pressed at once closes it', async () => {
    start();
    await settle();
    button().focus();
    button().click();
    // No timer or frame has run yet: the focus is already in the dialog, where Escape is handled.
    expect(dialogRoot()!.activeElement).toBe(dialog());
    press('Escape');
    await settle();
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
  });

  it('keeps Tab inside the dialog, closes on Escape and gives focus back to the button', async () => {
    start();
    await settle();
    button().focus();
    button().click();
    await settle();
    const focusables = [...dialog()!.querySelectorAll<HTMLElement>('button:not([disabled]), summary, input, [href]')];
    const last = focusables[focusables.length - 1]!;
    last.focus();
    press('Tab');
    expect(dialogRoot()!.activeElement).toBe(focusables[0]);
    press('Tab', true);
    expect(dialogRoot()!.activeElement).toBe(last);
    press('Escape');
    await settle();
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
    expect(document.querySelector(BUTTON_TAG)!.shadowRoot!.activeElement).toBe(button());
  });

  it('sends one request for a double click, and shows each action with a retry of what failed', async () => {
    let resolve!: (r: StarRequestResponse) => void;
    requestReply = new Promise((r) => (resolve = r));
    await openConfirmation();
    const desired = dialogRoot()!.querySelector<HTMLTextAreaElement>('textarea[name="desiredResult"]')!;
    desired.value = 'An engineer today';
    desired.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    const submit = dialogRoot()!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.click();
    submit.click();
    await settle();
    resolve({ ok: true, record, created: true });
    await settle();
    expect(sent.filter((m) => m.type === STAR_REQUEST)).toHaveLength(1);
    expect(dialogRoot()!.querySelector('[data-step="zendesk"]')?.getAttribute('data-status')).toBe('done');
    expect(dialogRoot()!.querySelector('[data-step="slack"]')?.textContent).toContain('no_service');
    expect(dialogRoot()!.querySelector('[data-step="form"]')).toBeNull();
    expect(dialogRoot()!.querySelector('[data-retry]')?.textContent).toBe('Retry slack message');
  });

  it('asks for the desired result before sending anything', async () => {
    await openConfirmation();
    dialogRoot()!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(dialogRoot()!.querySelector('#zso-err-desiredResult')?.textContent).toBe('Say what result you want from the STAR.');
    expect(sent.filter((m) => m.type === STAR_REQUEST)).toHaveLength(0);
  });

  it('shows emergency mode with a live first-reply countdown on urgent tickets', async () => {
    reply = check({ priority: 'urgent', createdAt: NOW - 12 * MIN, firstReply: { stage: 'active', breachAt: NOW + 10 * MIN }, lastPublicAuthor: { kind: 'customer', name: 'Erik' } });
    start();
    await settle();
    button().click();
    await settle();
    const countdown = () => dialogRoot()!.querySelector('[data-first-reply-countdown]')!.textContent;
    expect(countdown()).toContain('First reply due in 10m 00s');
    expect(dialogRoot()!.querySelector('[data-ack]')!.textContent).toContain('whole rotation is paged in 3m 00s');
    expect(dialogRoot()!.textContent).toContain('appears when the emergency is an hour old');
    await vi.advanceTimersByTimeAsync(5000);
    expect(countdown()).toContain('First reply due in 9m 55s');
  });

  it('shows a STAR another tab just recorded, instead of offering a second one', async () => {
    const shell = start();
    await settle();
    button().click();
    await settle();
    expect(dialogRoot()!.querySelector('[data-star-available="true"]')).not.toBeNull();
    shell.recordChanged(999, record);
    await settle();
    expect(dialogRoot()!.querySelector('[data-star-record]')).toBeNull();
    shell.recordChanged(102, record);
    await settle();
    expect(dialogRoot()!.querySelector('[data-star-record]')).not.toBeNull();
    expect(dialogRoot()!.querySelector('.actions .primary')?.textContent).toBe('Retry slack message');
  });

  it("waits out Zendesk's Retry-After before offering the retry, counting it down", async () => {
    const limited: StarRecordView = {
      ...record,
      steps: { zendesk: { status: 'failed', message: "Zendesk's rate limit was reached (429) while adding the internal note: wait 3 s, then Retry.", retryAt: NOW + 3000 }, form: { status: 'skipped' }, slack: { status: 'done' } },
    };
    reply = { ...(check() as Extract<StarCheckResponse, { ok: true }>), record: limited };
    start();
    await settle();
    button().click();
    await settle();
    const retry = () => dialogRoot()!.querySelector<HTMLButtonElement>('[data-retry]')!;
    expect(retry().textContent).toBe('Retry internal note and tag in Zendesk in 3 s');
    expect(retry().getAttribute('aria-disabled')).toBe('true');
    retry().click();
    await vi.advanceTimersByTimeAsync(1000);
    expect(retry().textContent).toBe('Retry internal note and tag in Zendesk in 2 s');
    expect(sent.filter((m) => m.type === STAR_RETRY)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(retry().textContent).toBe('Retry internal note and tag in Zendesk');
    expect(retry().getAttribute('aria-disabled')).toBe('false');
    retry().click();
    await settle();
    expect(sent.filter((m) => m.type === STAR_RETRY)).toHaveLength(1);
  });
});
