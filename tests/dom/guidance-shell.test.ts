// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { NOTE_TAG, PANEL_TAG, startGuidanceShell } from '@/lib/guidance-ui/shell';
import { loadAgent, loadGuidanceTicket } from '@/lib/guidance-ui/ticket-source';
import { readTicks, tickKey } from '@/lib/guidance-ui/storage';
import { loadPage } from '../support/dom';

const ORIGIN = 'https://acme.zendesk.com';

/** Zendesk as the guidance panel sees it: tickets with their requester sideloaded, and the agent. */
function fakeZendesk() {
  const requests: string[] = [];
  const tickets: Record<number, Record<string, unknown>> = {
    102: { id: 102, subject: 'Security disclosure: token leak', description: 'I found a leak.', status: 'open', priority: 'high', via: { channel: 'web' }, tags: ['security'], requester_id: 7 },
    112: { id: 112, subject: 'Pipeline stuck?', description: '@gitlab my pipeline is stuck', status: 'open', priority: 'normal', via: { channel: 'twitter' }, tags: ['twitter'], requester_id: 8 },
  };
  const users: Record<number, Record<string, unknown>> = { 7: { id: 7, name: 'Erik <b>Larsen</b>', email: 'erik@example.com' }, 8: { id: 8, name: 'Hiro Tanaka' } };
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.pathname + url.search);
    const headers = { 'content-type': 'application/json' };
    if (url.pathname === '/api/v2/users/me') return new Response(JSON.stringify({ user: { id: 1, name: 'Alex Agent', role: 'agent' } }), { headers });
    const m = /^\/api\/v2\/tickets\/(\d+)$/.exec(url.pathname);
    const t = m ? tickets[Number(m[1])] : undefined;
    if (!t) return new Response('{"error":"RecordNotFound"}', { status: 404, headers });
    const body = { ticket: { ...t, slas: { policy_metrics: [] } }, users: [users[t.requester_id as number]], metric_sets: [{ ticket_id: t.id, replies: 0 }] };
    return new Response(JSON.stringify(body), { headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const settle = (ms = 50) => vi.advanceTimersByTimeAsync(ms);
const panelRoot = () => document.querySelector<HTMLElement>(PANEL_TAG)?.shadowRoot ?? null;
const cardIds = () => [...(panelRoot()?.querySelectorAll('article[data-card-id]') ?? [])].map((a) => a.getAttribute('data-card-id'));
const selectedPane = () => document.querySelector<HTMLElement>('main#main_panes > .workspace:not([style*="none"])')!;
const composer = () => selectedPane().querySelector<HTMLElement>('[data-test-id="ticket-rich-text-editor"]')!;

function showWorkspace(index: number): void {
  document.querySelectorAll<HTMLElement>('main#main_panes > .workspace').forEach((pane, i) => {
    pane.style.display = i === index ? '' : 'none';
  });
}

describe('the guidance shell on a saved replica page', () => {
  let controller: AbortController;
  let zendesk: ReturnType<typeof fakeZendesk>;
  let clipboard: string[];

  function start(pathname = '/agent/tickets/102') {
    const source = { origin: ORIGIN, fetch: zendesk.fetch };
    return startGuidanceShell({
      doc: document,
      location: { pathname, search: '' },
      origin: ORIGIN,
      playbook: DEFAULT_PLAYBOOK,
      loadTicket: (id, signal) => loadGuidanceTicket(source, id, signal),
      loadAgent: (signal) => loadAgent(source, signal),
      writeClipboard: async (text) => {
        clipboard.push(text);
      },
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      signal: controller.signal,
    });
  }

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ now: Date.parse('2026-11-17T18:00:00Z'), toFake: ['setTimeout', 'Date'] });
    loadPage('replica-ticket.html');
    controller = new AbortController();
    zendesk = fakeZendesk();
    clipboard = [];
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  it("puts one panel in the selected ticket's context panel with its cards, after one ticket request", async () => {
    start();
    await settle();
    const host = document.querySelectorAll(PANEL_TAG);
    expect(host).toHaveLength(1);
    expect(host[0]!.closest('[data-test-id="component-type-ContextPanel"]')).not.toBeNull();
    expect(selectedPane().contains(host[0]!)).toBe(true);
    expect(cardIds()).toEqual(['security-disclosure']);
    expect(zendesk.requests.filter((r) => r.startsWith('/api/v2/tickets/'))).toEqual(['/api/v2/tickets/102?include=users,metric_sets,slas']);
  });

  it('renders ticket content as text, never as markup', async () => {
    start();
    await settle();
    const template = panelRoot()!.querySelector('[data-template-id="reply"] pre')!;
    expect(template.textContent).toContain('Hi Erik,');
    expect(panelRoot()!.querySelector('b')).toBeNull();
  });

  it('never adds a second panel, and follows the selected tab with one request per ticket', async () => {
    start();
    await settle();
    for (let i = 0; i < 3; i++) {
      document.body.append(document.createElement('div'));
      await settle();
    }
    expect(document.querySelectorAll(PANEL_TAG)).toHaveLength(1);
    showWorkspace(1);
    await settle();
    expect(cardIds()).toEqual(['twitter']);
    showWorkspace(0);
    await settle();
    expect(cardIds()).toEqual(['security-disclosure']);
    expect(document.querySelectorAll(PANEL_TAG)).toHaveLength(1);
    expect(zendesk.requests.filter((r) => r.startsWith('/api/v2/tickets/'))).toEqual([
      '/api/v2/tickets/102?include=users,metric_sets,slas',
      '/api/v2/tickets/112?include=users,metric_sets,slas',
    ]);
  });

  it("inserts a template into the composer with the requester's first name, as text", async () => {
    start();
    await settle();
    panelRoot()!.querySelector<HTMLButtonElement>('[data-template-id="reply"] button.primary')!.click();
    await settle();
    const text = composer().textContent ?? '';
    expect(text).toContain('Hi Erik,');
    expect(text).toContain('Alex Agent');
    expect(composer().querySelector('b')).toBeNull();
    expect(clipboard).toEqual([]);
  });

  it('copies the template to the clipboard and says so when the composer cannot be found', async () => {
    for (const el of document.querySelectorAll('[data-test-id="ticket-rich-text-editor"]')) el.remove();
    start();
    await settle();
    panelRoot()!.querySelector<HTMLButtonElement>('[data-template-id="reply"] button.primary')!.click();
    await settle();
    expect(clipboard[0]).toContain('Hi Erik,');
    expect(panelRoot()!.querySelector('.notice')!.textContent).toContain('copied to the clipboard');
  });

  it('warns while the agent writes a security reply without the "email us any time" line, and clears when fixed', async () => {
    start();
    await settle();
    const type = async (text: string) => {
      composer().textContent = text;
      composer().dispatchEvent(new Event('input', { bubbles: true }));
      await settle(250);
    };
    await type('Thanks, we are looking into it.');
    const warnings = () => [...panelRoot()!.querySelectorAll('[data-check-id]')].map((w) => w.getAttribute('data-check-id'));
    expect(warnings()).toEqual(['email-any-time']);
    const note = document.querySelector<HTMLElement>(NOTE_TAG)!;
    expect(note.hidden).toBe(false);
    expect(note.previousElementSibling).toBe(composer());
    await type('Thanks, we are looking into it. You can email us at any time for an update.');
    expect(warnings()).toEqual([]);
    expect(note.hidden).toBe(true);
  });

  it('saves checklist ticks per origin, ticket and card', async () => {
    start();
    await settle();
    const box = panelRoot()!.querySelector<HTMLInputElement>('[data-item-id="patient"] input, .checklist input')!;
    const itemId = box.closest('[data-item-id]')!.getAttribute('data-item-id')!;
    box.click();
    await settle();
    expect(Object.keys(await readTicks())).toEqual([tickKey(ORIGIN, 102, 'security-disclosure', itemId)]);
    expect(panelRoot()!.querySelector<HTMLInputElement>(`[data-item-id="${itemId}"] input`)!.checked).toBe(true);
  });

  it('floats when the ticket pane hooks are missing, so the guidance stays visible', async () => {
    for (const el of document.querySelectorAll('[data-test-id="omni-header-subject"]')) el.remove();
    start('/agent/tickets/112');
    await settle();
    const host = document.querySelector<HTMLElement>(PANEL_TAG)!;
    expect(host.parentElement).toBe(document.body);
    expect(host.dataset.zsoPlace).toBe('floating');
    expect(cardIds()).toEqual(['twitter']);
  });

  it('removes everything it added when the content script is invalidated', async () => {
    start();
    await settle();
    controller.abort();
    await settle();
    expect(document.querySelectorAll(`${PANEL_TAG}, ${NOTE_TAG}`)).toHaveLength(0);
    document.body.append(document.createElement('div'));
    await settle();
    expect(document.querySelectorAll(`${PANEL_TAG}, ${NOTE_TAG}`)).toHaveLength(0);
  });
});
