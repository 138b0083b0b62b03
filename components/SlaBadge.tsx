/**
 * The SLA badge: a compact countdown button and, on click, a popover with every metric.
 * Pure: it renders a view computed by `badgeView` and owns no timers, storage or requests.
 */
import type { BadgeView } from '@/lib/sla/badge-view';
import { STATE_WORDS } from '@/lib/sla/badge-view';
import type { SlaState } from '@/lib/sla/types';

export type BadgePlace = 'ticket' | 'tab' | 'row' | 'floating';

export interface SlaBadgeProps {
  ticketId: number;
  view: BadgeView;
  place: BadgePlace;
}

const CIRCLE = 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z';
const OCTAGON = 'M5 1h6l4 4v6l-4 4H5l-4-4V5z';

/** A distinct shape per state, so colour is never the only signal. */
const ICON_PATHS: Record<SlaState, string> = {
  ok: `${CIRCLE}M8.75 4v3.7l2.4 1.4-.75 1.3L7.25 8.6V4z`,
  warning: 'M8 1 15.5 14.5h-15zM7.25 6v4h1.5V6zm0 5v1.5h1.5V11z',
  critical: `${OCTAGON}m2.25 3.5v5h1.5v-5zm0 6v1.5h1.5V10.5z`,
  breached: `${OCTAGON}m.2 3.1L4.1 5.2 6.9 8l-2.8 2.8 1.1 1.1L8 9.1l2.8 2.8 1.1-1.1L9.1 8l2.8-2.8-1.1-1.1L8 6.9z`,
  paused: 'M4 3h3v10H4zm5 0h3v10H9z',
  achieved: `${CIRCLE}m3.2 4.2 1 1.1L7 11.4 3.8 8.3l1-1.1L7 9.3z`,
  none: 'M3 7.25h10v1.5H3z',
};

function StateIcon({ state }: { state: SlaState }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path fill="currentColor" fill-rule="evenodd" d={ICON_PATHS[state]} />
    </svg>
  );
}

export function SlaBadge({ ticketId, view, place }: SlaBadgeProps) {
  const showWord = place === 'ticket' || place === 'floating';
  if (place === 'tab') {
    // A tab badge only informs: a click on it must switch tabs like a click anywhere else on the tab.
    return (
      <span class={`badge state-${view.state}`} role="img" aria-label={view.ariaLabel.replace(/\. Show SLA details$/, '')}>
        <StateIcon state={view.state} />
        <span class="text" aria-hidden="true">{view.text}</span>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        class={`badge state-${view.state}`}
        popovertarget="zso-sla-details"
        aria-label={view.ariaLabel}
        title={view.ariaLabel}
      >
        <StateIcon state={view.state} />
        <span class="text" aria-hidden="true">{view.text}</span>
        {showWord && view.state !== 'none' ? <span class="word" aria-hidden="true">{STATE_WORDS[view.state]}</span> : null}
      </button>
      <div id="zso-sla-details" class="details" popover="auto" role="dialog" aria-label={`SLA details for ticket ${ticketId}`}>
        <p class="heading">SLA · ticket #{ticketId}</p>
        {view.error ? <p class="error">{view.error}</p> : null}
        {view.metrics.length === 0 ? (
          <p class="empty">{view.loading ? 'Loading SLA data…' : 'No SLA applies to this ticket.'}</p>
        ) : (
          <ul>
            {view.metrics.map((m) => (
              <li key={m.metric}>
                <div class="row">
                  <span class="label">{m.label}</span>
                  <span class={`pill state-${m.state}`}>
                    <StateIcon state={m.state} />
                    {m.stateWord}
                  </span>
                </div>
                <div>{m.summary}</div>
                {m.businessLeft ? <div>{m.businessLeft}</div> : null}
                {m.opens ? <div>Answer from {m.opens}</div> : null}
                {m.deadline ? <div>{m.deadline}</div> : null}
                <div class="source">{m.source}</div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
