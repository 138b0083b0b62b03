/**
 * The SLA badge: a compact countdown button and, on click, a popover with every metric.
 * Pure: it renders a view computed by `badgeView` and owns no timers, storage or requests.
 */
import type { BadgeView } from '@/lib/sla/badge-view';
import { STATE_WORDS } from '@/lib/sla/badge-view';
import type { SlaState } from '@/lib/sla/types';
import { STATE_ICON_PATHS } from './state-icons';

export type BadgePlace = 'ticket' | 'tab' | 'row' | 'floating';

export interface SlaBadgeProps {
  ticketId: number;
  view: BadgeView;
  place: BadgePlace;
}

function StateIcon({ state }: { state: SlaState }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path fill="currentColor" fill-rule="evenodd" d={STATE_ICON_PATHS[state]} />
    </svg>
  );
}

/**
 * The name comes from the content, so it holds the visible text (WCAG 2.5.3): hidden words before it (the
 * metric), the text (or its once-a-minute stand-in, see `BadgeView.spoken`) and the state word. The sentence in
 * minutes is the description (`title`).
 */
function Name({ view, showWord }: { view: BadgeView; showWord: boolean }) {
  return (
    <>
      <StateIcon state={view.state} />
      <span class="sr">{`${view.lead} ${view.spoken ?? ''}`}</span>
      <span class="text" aria-hidden={view.spoken ? 'true' : undefined}>{view.text}</span>
      {showWord && view.state !== 'none' ? <span class="word">{STATE_WORDS[view.state]}</span> : <span class="sr">{view.word}</span>}
    </>
  );
}

export function SlaBadge({ ticketId, view, place }: SlaBadgeProps) {
  const showWord = place === 'ticket' || place === 'floating';
  if (place === 'tab') {
    // A tab badge only informs: a click on it must switch tabs like a click anywhere else on the tab. Its text
    // joins the tab's own name.
    return (
      <span class={`badge state-${view.state}`}>
        <Name view={view} showWord={false} />
      </span>
    );
  }
  return (
    <>
      <button type="button" class={`badge state-${view.state}`} popovertarget="zso-sla-details" title={`${view.description}. Show SLA details`}>
        <Name view={view} showWord={showWord} />
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
