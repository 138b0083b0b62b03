/**
 * The imperative shell around one badge: it owns a host element with a shadow root, renders the
 * pure <SlaBadge> into it whenever the ticket's data, the shared clock or the theme change, and
 * removes everything on dispose. Host attributes carry the state for themes and tests.
 */
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { h, render } from 'preact';
import { SlaBadge, type BadgePlace } from '@/components/SlaBadge';
// Inlined and minified by the build: one string for every badge's shadow root.
import SLA_BADGE_CSS from '@/components/SlaBadge.css?inline';
import { badgeView, type BadgeViewOptions } from '../sla/badge-view';
import type { TicketStore } from './ticket-store';
import type { Ticker } from './ticker';

export const BADGE_TAG = 'zso-sla-badge';

export interface BadgeDeps {
  store: TicketStore;
  ticker: Ticker;
  /** `light`, `dark` or `system`, from Zendesk's html[data-theme]. */
  theme: ReadonlySignal<string>;
  viewOptions: () => BadgeViewOptions;
  /** This content-script instance; hosts of an older instance (before an extension reload) are removed. */
  instanceId: string;
}

export interface MountedBadge {
  host: HTMLElement;
  ticketId: number;
  dispose(): void;
}

// Keys Zendesk binds page-wide shortcuts to must not leak out of the badge.
const ISOLATED_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'keydown', 'keyup', 'keypress', 'focusin'] as const;

export function mountBadge(deps: BadgeDeps, ticketId: number, place: BadgePlace, insert: (host: HTMLElement) => void): MountedBadge {
  const host = document.createElement(BADGE_TAG);
  host.dataset.ticketId = String(ticketId);
  host.dataset.zsoPlace = place;
  host.dataset.zsoInstance = deps.instanceId;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = SLA_BADGE_CSS;
  const container = document.createElement('span');
  shadow.append(style, container);
  // Tab badges are not interactive: their clicks belong to the tab.
  if (place !== 'tab') for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
  shadow.addEventListener(
    'beforetoggle',
    (event) => {
      const target = event.target as HTMLElement;
      if ((event as ToggleEvent).newState !== 'open') return;
      const button = shadow.querySelector('button');
      if (!button) return;
      const rect = button.getBoundingClientRect();
      const width = 300;
      target.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
      const below = rect.bottom + 6;
      target.style.top = below + 220 > window.innerHeight ? `${Math.max(8, rect.top - 226)}px` : `${below}px`;
    },
    true,
  );
  insert(host);

  const entry = deps.store.entry(ticketId);
  const stop = effect(() => {
    const e = entry.value;
    const now = deps.ticker.now.value;
    // The attribute is for page themes and tests; the class is what the stylesheet keys dark colours on.
    host.dataset.zsoTheme = container.className = deps.theme.value;
    // The entry is a BadgeInput (metrics, hasData, error, loading) with more fields; no copy needed.
    const view = badgeView(e, now, deps.viewOptions());
    host.dataset.slaState = view.state;
    if (view.metric) host.dataset.slaMetric = view.metric;
    else delete host.dataset.slaMetric;
    if (view.dueIso) host.dataset.slaDue = view.dueIso;
    else delete host.dataset.slaDue;
    deps.ticker.track(host, view.dueAt);
    render(h(SlaBadge, { ticketId, view, place }), container);
  });

  return {
    host,
    ticketId,
    dispose() {
      stop();
      deps.ticker.untrack(host);
      render(null, container);
      host.remove();
    },
  };
}
