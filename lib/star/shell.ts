/**
 * The escalation script's imperative shell: an "Escalate" button in the selected ticket's header (floating when
 * Zendesk's markup does not match), and the dialog in its own shadow root on top of the page. It asks the
 * worker for the STAR check and sends the request; the worker does every read and write (lib/background/star.ts).
 */
import { h, render } from 'preact';
import STAR_CSS from '@/components/StarDialog.css?inline';
import { StarDialog, type DialogState } from '@/components/StarDialog';
import { STAR_CHECK, STAR_REQUEST, STAR_RETRY, type StarCheckResponse, type StarRequestResponse } from '../messaging';
import { GUIDANCE_SELECTORS } from '../guidance-ui/selectors';
import { selectedTicketPane, zendeskTheme } from '../zendesk/selectors';
import { parseAgentRoute } from '../zendesk/urls';
import type { JudgedCriterionId, StarForm, StarRecordView } from './types';
import { isolateEvents } from '../content/isolate-events';

export const BUTTON_TAG = 'zso-escalate-button';
export const DIALOG_TAG = 'zso-escalation-dialog';

export interface EscalationShellOptions {
  doc: Document;
  location: Pick<Location, 'pathname' | 'search'>;
  send(message: unknown): Promise<unknown>;
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  signal: AbortSignal;
}

function host(doc: Document, tag: string): { host: HTMLElement; root: ShadowRoot } {
  const el = doc.createElement(tag);
  const root = el.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STAR_CSS;
  root.append(style);
  // Zendesk's page-wide shortcuts must not fire while the agent types in the dialog.
  isolateEvents(el);
  return { host: el, root };
}

export function startEscalationShell(o: EscalationShellOptions) {
  const { doc } = o;
  for (const old of doc.querySelectorAll(`${BUTTON_TAG}, ${DIALOG_TAG}`)) old.remove();
  let dialog: { host: HTMLElement; root: ShadowRoot; ticketId: number; opener: HTMLElement | null; timer: unknown } | null = null;
  let state: DialogState = { kind: 'loading' };
  let busy = false;
  let requestError: string | null = null;
  // The worker's clock at the last answer and ours then: countdowns follow Zendesk's time.
  let clockOffset = 0;

  const currentTicket = (): number | null => {
    const route = parseAgentRoute(o.location);
    if (route.kind !== 'ticket') return null;
    return selectedTicketPane(doc)?.ticketId ?? route.ticketId;
  };

  const paint = () => {
    if (!dialog) return;
    const d = dialog;
    render(
      h(StarDialog, {
        ticketId: d.ticketId,
        theme: zendeskTheme(doc),
        state,
        now: o.now() + clockOffset,
        busy,
        requestError,
        onClose: close,
        onReload: () => void load(d.ticketId),
        onSubmit: (form: StarForm, ticked: JudgedCriterionId[]) => void submit(d.ticketId, form, ticked),
        onRetry: () => void retry(d.ticketId),
      }),
      d.root,
    );
  };

  const load = async (ticketId: number) => {
    state = { kind: 'loading' };
    paint();
    let reply: StarCheckResponse;
    try {
      reply = (await o.send({ type: STAR_CHECK, ticketId })) as StarCheckResponse;
    } catch {
      reply = { ok: false, message: 'The extension did not answer: reload the page (it may have been updated).' };
    }
    if (!dialog || dialog.ticketId !== ticketId) return;
    if (reply.ok) clockOffset = reply.assessment.now - o.now();
    state = reply.ok ? { kind: 'ready', check: reply } : { kind: 'error', message: reply.message };
    paint();
  };

  const applyRecord = (reply: StarRequestResponse) => {
    if (reply.ok && state.kind === 'ready') state = { kind: 'ready', check: { ...state.check, record: reply.record } };
    requestError = reply.ok ? null : reply.message;
  };

  const sendAction = async (message: unknown) => {
    if (busy) return; // a double click sends one request; the worker would answer the second with the same STAR
    busy = true;
    requestError = null;
    paint();
    try {
      applyRecord((await o.send(message)) as StarRequestResponse);
    } catch {
      requestError = 'The extension did not answer. Open the dialog again to see whether the STAR was recorded.';
    }
    busy = false;
    paint();
  };
  const submit = (ticketId: number, form: StarForm, ticked: JudgedCriterionId[]) => sendAction({ type: STAR_REQUEST, ticketId, form, ticked });
  const retry = (ticketId: number) => sendAction({ type: STAR_RETRY, ticketId });

  function close() {
    if (!dialog) return;
    const d = dialog;
    dialog = null;
    o.clearInterval(d.timer);
    render(null, d.root);
    d.host.remove();
    d.opener?.focus();
  }

  const open = (opener: HTMLElement | null) => {
    const ticketId = currentTicket();
    if (ticketId === null) return;
    if (dialog) close();
    const made = host(doc, DIALOG_TAG);
    doc.body.append(made.host);
    const active = doc.activeElement;
    dialog = { ...made, ticketId, opener: opener ?? (active instanceof HTMLElement ? active : null), timer: o.setInterval(paint, 1000) };
    busy = false;
    requestError = null;
    void load(ticketId);
  };

  const ensureButton = () => {
    const ticketId = currentTicket();
    const pane = ticketId === null ? null : selectedTicketPane(doc);
    const header = pane?.pane.querySelector(GUIDANCE_SELECTORS.omniHeader) ?? null;
    const buttons = [...doc.querySelectorAll<HTMLElement>(BUTTON_TAG)];
    if (ticketId === null) {
      for (const b of buttons) b.remove();
      return;
    }
    const place = header ? 'header' : 'floating';
    const parent = header ?? doc.body;
    const existing = buttons.find((b) => b.parentElement === parent);
    for (const b of buttons) if (b !== existing && (b.dataset.zsoPlace === 'floating' || !b.isConnected || place === 'floating')) b.remove();
    if (existing) {
      existing.dataset.ticketId = String(ticketId);
      return;
    }
    const made = host(doc, BUTTON_TAG);
    made.host.dataset.zsoPlace = place;
    made.host.dataset.ticketId = String(ticketId);
    const wrap = doc.createElement('div');
    wrap.className = `theme-${zendeskTheme(doc)}`;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'escalate';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-keyshortcuts', 'Alt+Shift+E');
    button.textContent = 'Escalate';
    const kbd = doc.createElement('kbd');
    kbd.textContent = 'Alt+Shift+E';
    kbd.setAttribute('aria-hidden', 'true');
    button.append(kbd);
    button.addEventListener('click', () => open(button));
    wrap.append(button);
    made.root.append(wrap);
    parent.append(made.host);
  };

  // Escape closes the dialog even when the focus has left it (a click on the page behind the backdrop's edge).
  // Keys from inside the dialog never get here: the host stops them (isolateEvents).
  doc.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && dialog) close();
    },
    { signal: o.signal },
  );

  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      ensureButton();
    });
  });
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden', 'class', 'data-theme'] });
  ensureButton();
  o.signal.addEventListener('abort', () => {
    observer.disconnect();
    close();
    for (const b of doc.querySelectorAll(BUTTON_TAG)) b.remove();
  });
  return {
    /** The keyboard shortcut's path: the worker's OPEN_ESCALATION message. */
    open: () => open(null),
    /**
     * A STAR record changed in storage (this tab's request, another tab's, or a retry): an open dialog for that
     * ticket shows it at once, so a second tab never offers a STAR that already exists.
     */
    recordChanged: (ticketId: number, record: StarRecordView) => {
      if (!dialog || dialog.ticketId !== ticketId || state.kind !== 'ready') return;
      state = { kind: 'ready', check: { ...state.check, record } };
      paint();
    },
    close,
    ensureButton,
  };
}
