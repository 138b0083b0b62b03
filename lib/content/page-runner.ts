/**
 * Runs the content features on one Zendesk page: one shared MutationObserver, one ticker, one
 * ticket store. Features start when their route matches and stop (removing what they added) when it
 * no longer does or when the content script is invalidated (extension reload or update).
 */
import { signal } from '@preact/signals-core';
import { FEATURES } from '../features';
import type { Feature, FeatureContext } from '../features/types';
import { businessMinutesInWindow } from '../sla/business-window';
import { zendeskTheme } from '../zendesk/selectors';
import { parseAgentRoute } from '../zendesk/urls';
import { BADGE_TAG } from './badge-host';
import { createTicker } from './ticker';
import type { SlaLoad } from './sla-source';
import { createTicketStore } from './ticket-store';

export interface PageRunnerOptions {
  doc: Document;
  location: Pick<Location, 'pathname' | 'search'>;
  load: SlaLoad;
  now: () => number;
  /** The agent's IANA time zone, for deadlines. */
  zone: string;
  setTimeout: (fn: () => void, ms: number) => unknown;
  setInterval: (fn: () => void, ms: number) => unknown;
  /** Aborted when the content script is invalidated. */
  signal: AbortSignal;
  features?: readonly Feature[];
}

/** Attributes whose change can show, hide or re-theme a pane, tab or row. */
const WATCHED_ATTRIBUTES = ['style', 'hidden', 'aria-selected', 'data-theme', 'class', 'data-entity-id', 'aria-describedby'];
/**
 * Mounted tickets are re-checked this often; the store refetches only data older than its max age (or failed
 * data whose backoff ended). The e2e build checks every 3 s so the fault tests see recovery without waiting out
 * this interval; Vite folds the mode at build time, so store builds carry only the 15 s.
 */
const REFRESH_CHECK_MS = import.meta.env?.MODE === 'e2e' ? 3_000 : 15_000;

export function startPageRunner(options: PageRunnerOptions) {
  const { doc } = options;
  const instanceId = Math.random().toString(36).slice(2);
  // Badges left by an earlier instance of this script (the extension was reloaded) go first.
  for (const old of doc.querySelectorAll<HTMLElement>(BADGE_TAG)) if (old.dataset.zsoInstance !== instanceId) old.remove();

  const store = createTicketStore({
    load: options.load,
    now: options.now,
    setTimeout: options.setTimeout,
    signal: options.signal,
  });
  const ticker = createTicker({ now: options.now, skewMs: store.skewMs, setInterval: options.setInterval });
  const theme = signal(zendeskTheme(doc));
  const viewOptions = () => ({
    thresholds: store.thresholds.value,
    zone: options.zone,
    businessMinutesBetween: (a: number, b: number) => {
      const window = store.business.value;
      return window ? businessMinutesInWindow(window, a, b) : null;
    },
  });
  const badges = { store, ticker, theme, viewOptions, instanceId };

  const running = new Map<Feature, { controller: AbortController; pass: () => void; ticketIds: () => number[] }>();
  let scheduled = false;
  const route = () => parseAgentRoute(options.location);

  function start(feature: Feature): void {
    const controller = new AbortController();
    options.signal.addEventListener('abort', () => controller.abort(), { once: true });
    const fc: FeatureContext = {
      doc,
      route,
      now: options.now,
      store,
      badges,
      signal: controller.signal,
      setTimeout: (fn, ms) => {
        options.setTimeout(() => {
          if (!controller.signal.aborted) fn();
        }, ms);
      },
      listen: (type, handler, capture) => doc.addEventListener(type, handler, { capture: capture ?? false, signal: controller.signal }),
      requestPass,
    };
    running.set(feature, { controller, ...feature.init(fc) });
  }

  function pass(): void {
    scheduled = false;
    if (options.signal.aborted) return;
    theme.value = zendeskTheme(doc);
    const current = route();
    for (const feature of options.features ?? FEATURES) {
      const active = running.get(feature);
      if (!feature.include(current)) {
        if (active) {
          active.controller.abort();
          running.delete(feature);
        }
        continue;
      }
      if (!active) start(feature);
      running.get(feature)!.pass();
    }
  }

  function requestPass(): void {
    if (scheduled || options.signal.aborted) return;
    scheduled = true;
    queueMicrotask(pass);
  }

  const observer = new MutationObserver((records) => {
    // Our own badges re-render inside their shadow roots; only page changes need a pass.
    for (const r of records) {
      const target = r.target as Element;
      if (target.nodeName !== BADGE_TAG.toUpperCase() || r.type !== 'attributes') {
        requestPass();
        return;
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  options.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  options.setInterval(() => {
    const ids = new Set<number>();
    for (const f of running.values()) for (const id of f.ticketIds()) ids.add(id);
    store.want(ids);
  }, REFRESH_CHECK_MS);

  pass();
  return { store };
}
