/**
 * The imperative shell of the guidance panel: it finds the selected ticket, loads its data once per opening,
 * matches the playbook, owns one panel host (and one note under the composer) with shadow roots, renders the pure
 * <GuidancePanel>, and wires the composer, the status menu, storage and the clipboard. One MutationObserver drives
 * it; every listener and timer ends with `signal`, and everything it added is removed when the signal aborts.
 */
import { batch, effect, signal } from '@preact/signals-core';
import { h, render } from 'preact';
import { GuidancePanel, ReplyNote, type GuidanceState, type PanelPlace } from '@/components/GuidancePanel';
import GUIDANCE_CSS from '@/components/GuidancePanel.css?inline';
import { checkReply, matchCards, type CardMatch, type ReplyWarning } from '../guidance/evaluate';
import type { Playbook } from '../guidance/playbook-schema';
import type { GuidanceContext } from '../guidance/ticket';
import type { TicketStatus } from '../zendesk/schemas';
import { selectedTicketPane, zendeskTheme } from '../zendesk/selectors';
import { parseAgentRoute } from '../zendesk/urls';
import { composerText, createCaretMemory, insertIntoComposer } from './composer';
import { findComposer, GUIDANCE_SELECTORS, isPublicDraft, menuItemStatus } from './selectors';
import { panelOpenItem, readTicks, setTick, tickKey, watchTicks, type ChecklistTicks } from './storage';
import type { GuidanceData, Loaded } from './ticket-source';
import { createGuidanceCache } from './ticket-source';
import { cardViews, type CardView } from './view';
import { isolateEvents } from '../content/isolate-events';

export const PANEL_TAG = 'zso-guidance-panel';
export const NOTE_TAG = 'zso-guidance-note';
/** Reply checks run this long after the agent stops typing. */
export const CHECK_DEBOUNCE_MS = 200;
/** After a submit, the ticket is reloaded when the conversation changes, or after this long at the latest. */
export const SUBMIT_REFRESH_MS = 8_000;

export interface GuidanceShellOptions {
  doc: Document;
  location: Pick<Location, 'pathname' | 'search'>;
  origin: string;
  /** The first playbook; `setPlaybook` on the returned handle swaps it (a team import) without a reload. */
  playbook: Playbook;
  loadTicket: (id: number, signal: AbortSignal) => Promise<Loaded<GuidanceData>>;
  loadAgent: (signal: AbortSignal) => Promise<Loaded<NonNullable<GuidanceContext['agent']>>>;
  writeClipboard: (text: string) => Promise<void>;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  /** Aborted when the content script is invalidated. */
  signal: AbortSignal;
}

/** Attributes whose change can show, hide or re-theme a pane. */
const WATCHED_ATTRIBUTES = ['style', 'hidden', 'class', 'data-theme', 'aria-selected'];

function createHost(doc: Document, tag: string, instanceId: string): { host: HTMLElement; container: HTMLElement } {
  const host = doc.createElement(tag);
  host.dataset.zsoInstance = instanceId;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = GUIDANCE_CSS;
  const container = doc.createElement('div');
  shadow.append(style, container);
  isolateEvents(host);
  return { host, container };
}

export function startGuidanceShell(options: GuidanceShellOptions) {
  const { doc, signal: lifetime } = options;
  const instanceId = Math.random().toString(36).slice(2);
  // Hosts left by an earlier instance of this script (the extension was reloaded) go first.
  for (const old of doc.querySelectorAll<HTMLElement>(`${PANEL_TAG}, ${NOTE_TAG}`)) if (old.dataset.zsoInstance !== instanceId) old.remove();

  const cache = createGuidanceCache(options.loadTicket);
  const panel = createHost(doc, PANEL_TAG, instanceId);
  const note = createHost(doc, NOTE_TAG, instanceId);
  note.host.hidden = true;

  const theme = signal(zendeskTheme(doc));
  const ticketId = signal<number | null>(null);
  const place = signal<PanelPlace>('side');
  const open = signal(true);
  const data = signal<Loaded<GuidanceData> | null>(null);
  const agent = signal<NonNullable<GuidanceContext['agent']> | null>(null);
  const ticks = signal<ChecklistTicks>({});
  const warnings = signal<readonly ReplyWarning[]>([]);
  const notice = signal<string | null>(null);
  const playbook = signal(options.playbook);
  let matches: CardMatch[] = [];
  let views: CardView[] = [];
  let pane: Element | null = null;
  let composer: HTMLElement | null = null;
  /** The status the agent is pointing at in the submit menu (warned about before the click). */
  let pendingStatus: TicketStatus | null = null;
  let checkGeneration = 0;
  let loadController: AbortController | null = null;
  let submitted: { id: number; items: number } | null = null;

  const later = (fn: () => void, ms: number): void => {
    options.setTimeout(() => {
      if (!lifetime.aborted) fn();
    }, ms);
  };
  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (e: DocumentEventMap[K]) => void): void =>
    doc.addEventListener(type, handler, { capture: true, signal: lifetime });

  // ------------------------------------------------------------------ data

  function load(id: number): void {
    loadController?.abort();
    const controller = new AbortController();
    lifetime.addEventListener('abort', () => controller.abort(), { once: true });
    loadController = controller;
    data.value = null;
    void cache.get(id, controller.signal).then((r) => {
      if (controller.signal.aborted || ticketId.value !== id) return;
      data.value = r;
      runChecks();
    });
  }

  function recompute(): void {
    const d = data.value;
    if (!d?.ok) {
      matches = [];
      views = [];
      return;
    }
    const context: GuidanceContext = agent.value ? { agent: agent.value } : {};
    matches = matchCards(playbook.value, d.value.ticket, context);
    views = cardViews(matches, d.value.ticket, context);
  }

  // ------------------------------------------------------------------ reply checks

  function runChecks(): void {
    const d = data.value;
    const text = composer ? composerText(composer) : '';
    if (!d?.ok || !pane) {
      warnings.value = [];
      return;
    }
    warnings.value = checkReply(
      matches,
      { text, public: isPublicDraft(pane), newStatus: pendingStatus },
      { firstPublicReply: d.value.ticket.publicReplies === 0, slaKeepsRunning: d.value.slaKeepsRunning },
    );
  }

  function scheduleChecks(): void {
    const generation = ++checkGeneration;
    later(() => {
      if (generation === checkGeneration) runChecks();
    }, CHECK_DEBOUNCE_MS);
  }

  listen('input', (e) => {
    if (composer && e.target instanceof Node && composer.contains(e.target)) scheduleChecks();
  });
  // The public/internal switcher and the status menu change what the checks look at.
  listen('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target || !pane || !pane.contains(target)) return;
    if (target.closest(GUIDANCE_SELECTORS.channelSwitcher)) scheduleChecks();
    const item = target.closest(GUIDANCE_SELECTORS.statusMenuItem);
    if (item || target.closest(GUIDANCE_SELECTORS.submitButton)) {
      const id = ticketId.value;
      pendingStatus = null;
      if (id !== null) submitted = { id, items: pane.querySelectorAll(GUIDANCE_SELECTORS.conversationItem).length };
      later(() => refreshAfterSubmit(true), SUBMIT_REFRESH_MS);
    }
  });
  const pointAtStatus = (e: Event): void => {
    const item = e.target instanceof Element ? e.target.closest(GUIDANCE_SELECTORS.statusMenuItem) : null;
    const status = item && pane?.contains(item) ? menuItemStatus(item) : null;
    if (status === pendingStatus) return;
    pendingStatus = status;
    runChecks();
  };
  listen('pointerover', pointAtStatus);
  listen('focusin', pointAtStatus);

  function refreshAfterSubmit(force: boolean): void {
    if (!submitted) return;
    const items = pane?.querySelectorAll(GUIDANCE_SELECTORS.conversationItem).length ?? 0;
    if (!force && (submitted.id !== ticketId.value || items === submitted.items)) return;
    const { id } = submitted;
    submitted = null;
    cache.invalidate(id);
    if (ticketId.value === id) load(id);
  }

  // ------------------------------------------------------------------ actions

  const caret = createCaretMemory(doc, () => composer, lifetime);

  function templateText(cardId: string, templateId: string): string | null {
    return views.find((c) => c.id === cardId)?.templates.find((t) => t.id === templateId)?.text ?? null;
  }

  async function copy(text: string, why: string): Promise<void> {
    try {
      await options.writeClipboard(text);
      notice.value = why;
    } catch {
      notice.value = 'The browser did not allow copying. Open the template (its title) and copy the text by hand.';
    }
  }

  const actions = {
    onToggle: () => {
      open.value = !open.value;
      void panelOpenItem.setValue(open.value);
    },
    onTick: (cardId: string, itemId: string, ticked: boolean) => {
      const id = ticketId.value;
      if (id === null) return;
      const key = tickKey(options.origin, id, cardId, itemId);
      const next = { ...ticks.value };
      if (ticked) next[key] = options.now();
      else delete next[key];
      ticks.value = next;
      void setTick(key, ticked, options.now());
    },
    onInsert: (cardId: string, templateId: string) => {
      const text = templateText(cardId, templateId);
      if (text === null) return;
      if (composer && composer.isConnected) {
        insertIntoComposer(composer, text, caret.rangeIn(composer));
        notice.value = 'Inserted into the reply. Check it before sending.';
        scheduleChecks();
      } else {
        void copy(text, "The reply box could not be found, so the template was copied to the clipboard: paste it into the reply.");
      }
    },
    onCopy: (cardId: string, templateId: string) => {
      const text = templateText(cardId, templateId);
      if (text !== null) void copy(text, 'Copied to the clipboard.');
    },
  };

  // ------------------------------------------------------------------ storage

  void panelOpenItem.getValue().then((v) => {
    if (!lifetime.aborted) open.value = v;
  });
  const unwatchOpen = panelOpenItem.watch((v) => {
    open.value = v ?? true;
  });
  void readTicks().then((t) => {
    if (!lifetime.aborted) ticks.value = t;
  });
  const unwatchTicks = watchTicks((t) => {
    ticks.value = t;
  });
  /** `/users/me` once per page, and only once a ticket is shown (views and search never need it). */
  let agentRequested = false;
  function requestAgent(): void {
    if (agentRequested) return;
    agentRequested = true;
    void options.loadAgent(lifetime).then((r) => {
      if (r.ok && !lifetime.aborted) {
        agent.value = r.value;
        runChecks();
      }
    });
  }

  // ------------------------------------------------------------------ rendering

  const stopPanel = effect(() => {
    const id = ticketId.value;
    const d = data.value;
    if (id === null) {
      render(null, panel.container);
      return;
    }
    recompute();
    const state: GuidanceState = d === null ? { kind: 'loading' } : d.ok ? { kind: 'ready', cards: views } : { kind: 'error', message: d.error };
    const prefix = `${options.origin}|${id}|`;
    const ticked = new Set(Object.keys(ticks.value).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
    render(
      h(GuidancePanel, {
        ticketId: id,
        theme: theme.value,
        place: place.value,
        open: open.value,
        state,
        ticked,
        warnings: warnings.value,
        notice: notice.value,
        ...actions,
      }),
      panel.container,
    );
  });
  const stopNote = effect(() => {
    const w = warnings.value;
    note.host.hidden = w.length === 0;
    render(h(ReplyNote, { theme: theme.value, warnings: w }), note.container);
  });

  // ------------------------------------------------------------------ placement

  /** Puts `host` at (parent, before) unless it is already there: moving it would trigger another pass. */
  function put(host: HTMLElement, parent: Element, before: Node | null): void {
    if (host.parentNode === parent && (before === host || host.nextSibling === before)) return;
    parent.insertBefore(host, before);
  }

  function placePanel(selected: Element | null): PanelPlace {
    const side = selected?.querySelector(GUIDANCE_SELECTORS.contextPanel);
    if (side) {
      put(panel.host, side, side.firstChild);
      return 'side';
    }
    const header = selected?.querySelector(GUIDANCE_SELECTORS.omniHeader);
    if (header) {
      put(panel.host, header, null);
      return 'header';
    }
    // The hooks are missing (Zendesk changed its markup): a floating panel, so the guidance stays visible.
    if (panel.host.parentNode !== doc.body) doc.body.append(panel.host);
    return 'floating';
  }

  function visibleComposer(): HTMLElement | null {
    if (pane) return findComposer(pane);
    for (const el of doc.querySelectorAll<HTMLElement>(`${GUIDANCE_SELECTORS.composer}[contenteditable="true"]`)) if (el.checkVisibility()) return el;
    return null;
  }

  function pass(): void {
    scheduled = false;
    if (lifetime.aborted) return;
    const route = parseAgentRoute(options.location);
    const selected = selectedTicketPane(doc);
    const id = selected?.ticketId ?? (route.kind === 'ticket' ? route.ticketId : null);
    if (id === null) {
      panel.host.remove();
      note.host.remove();
      pane = composer = null;
      batch(() => {
        ticketId.value = null;
        warnings.value = [];
      });
      return;
    }
    pane = selected?.pane ?? null;
    const where = placePanel(selected?.pane ?? null);
    const nextComposer = visibleComposer();
    const composerChanged = nextComposer !== composer;
    composer = nextComposer;
    const editorRoot = composer?.closest(GUIDANCE_SELECTORS.composer) ?? composer;
    if (editorRoot?.parentElement) {
      if (editorRoot.nextSibling !== note.host) editorRoot.after(note.host);
    } else note.host.remove();
    batch(() => {
      theme.value = zendeskTheme(doc);
      place.value = where;
      panel.host.dataset.zsoPlace = where;
      if (ticketId.value !== id) {
        ticketId.value = id;
        notice.value = null;
        pendingStatus = null;
        panel.host.dataset.ticketId = String(id);
        load(id);
        requestAgent();
      }
    });
    if (submitted) refreshAfterSubmit(false);
    if (composerChanged) runChecks();
  }

  let scheduled = false;
  function requestPass(): void {
    if (scheduled || lifetime.aborted) return;
    scheduled = true;
    queueMicrotask(pass);
  }

  const observer = new MutationObserver(requestPass);
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  lifetime.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      loadController?.abort();
      unwatchOpen();
      unwatchTicks();
      stopPanel();
      stopNote();
      render(null, panel.container);
      render(null, note.container);
      panel.host.remove();
      note.host.remove();
    },
    { once: true },
  );
  pass();
  /** Re-matches the shown ticket against a new playbook (the panel effect reads it) and re-runs the reply checks. */
  function setPlaybook(next: Playbook): void {
    if (lifetime.aborted || next === playbook.value) return;
    playbook.value = next;
    runChecks();
  }
  return { requestPass, setPlaybook, panelHost: panel.host, noteHost: note.host };
}
