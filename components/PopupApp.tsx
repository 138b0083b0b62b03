/**
 * The toolbar popup: where the agent's queue stands and what to work on next. Pure: a `PopupView` in,
 * callbacks out; the entrypoint (entrypoints/popup/main.tsx) owns storage, the clock and the messages.
 */
import type { InstanceView, PopupView } from '@/lib/popup/view-model';
import { QueueList, StatePill, type SnoozeChoice } from './QueueList';

export interface PopupAppProps {
  /** How many rows per list to render; undefined renders all. */
  rowLimit?: number;
  view: PopupView;
  refreshing: boolean;
  /** The outcome of the last action the agent took ("Ticket #5 is urgent: …"); null when there is nothing to say. */
  notice: string | null;
  onRefresh: () => void;
  onOpen: (origin: string, ticketId: number) => void;
  onSnooze: (origin: string, ticketId: number, choice: SnoozeChoice) => void;
  onUnsnooze: (origin: string, ticketId: number) => void;
  /** Opens the page check for the Zendesk tab the agent is looking at. */
  onCheckPage: () => void;
}

function Counts({ instance, shiftEnd }: { instance: InstanceView; shiftEnd: string }) {
  return (
    <>
      <dl class="tiles">
        <div class={`tile${instance.breached ? ' tile-bad' : ''}`}>
          <dt>Breached</dt>
          <dd>{instance.breached}</dd>
        </div>
        <div class={`tile${instance.beforeShiftEnd ? ' tile-warn' : ''}`}>
          <dt>Breaching before {shiftEnd}</dt>
          <dd>{instance.beforeShiftEnd}</dd>
        </div>
        <div class="tile">
          <dt>Assigned to you</dt>
          <dd>
            {instance.total}
            {instance.truncated ? '+' : ''}
          </dd>
        </div>
      </dl>
      <dl class="chips" aria-label="Tickets by status">
        {instance.byStatus.map((c) => (
          <div class="chip" key={c.key}>
            <dt>{c.label}</dt>
            <dd>{c.count}</dd>
          </div>
        ))}
      </dl>
      <dl class="chips" aria-label="Tickets by priority">
        {instance.byPriority.map((c) => (
          <div class={`chip prio-${c.key}`} key={c.key}>
            <dt>{c.label}</dt>
            <dd>{c.count}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Instance({ instance, shiftEnd, multiple, props }: { instance: InstanceView; shiftEnd: string; multiple: boolean; props: PopupAppProps }) {
  const headingId = `instance-${instance.host.replace(/\W/g, '-')}`;
  return (
    <section class="instance" aria-labelledby={headingId}>
      <div class="instance-head">
        <h2 id={headingId}>{instance.host}</h2>
        {instance.updated ? <span class={`updated${instance.stale ? ' stale' : ''}`}>{instance.stale ? `Stale: ${instance.updated}` : instance.updated}</span> : null}
      </div>
      {instance.status === 'signed-out' ? (
        <div class="message message-warn" role="alert">
          <p>
            <strong>Open Zendesk and sign in.</strong> Your session at {instance.host} has ended, so the queue cannot update.
          </p>
          <a class="button" href={`${instance.origin}/agent`} target="_blank" rel="noreferrer">
            Open {instance.host}
          </a>
        </div>
      ) : null}
      {instance.status === 'error' ? (
        <div class="message message-error" role="alert">
          <p>{instance.error}</p>
          <button type="button" class="button" onClick={props.onRefresh} disabled={props.refreshing}>
            Retry
          </button>
        </div>
      ) : null}
      {instance.status === 'waiting' ? <p class="message">Fetching your queue from {instance.host}…</p> : null}
      {instance.updated ? (
        <>
          <Counts instance={instance} shiftEnd={shiftEnd} />
          <h3 class="list-heading">By next breach</h3>
          <QueueList
            label={multiple ? `Your tickets at ${instance.host}, by next breach` : 'Your tickets, by next breach'}
            rows={instance.rows}
            limit={props.rowLimit}
            shiftEnd={shiftEnd}
            onOpen={props.onOpen}
            onSnooze={props.onSnooze}
            onUnsnooze={props.onUnsnooze}
          />
        </>
      ) : null}
    </section>
  );
}

export function PopupApp(props: PopupAppProps) {
  const { view } = props;
  return (
    <main class="popup" aria-busy={view.kind === 'loading'}>
      <header class="top">
        <h1>Your SLA queue</h1>
        {view.kind === 'ready' ? (
          <button type="button" class="button refresh" onClick={props.onRefresh} disabled={props.refreshing}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M13.6 2.4v4h-4l1.5-1.5A4.5 4.5 0 1 0 12.4 9h1.6a6 6 0 1 1-1.8-5.2z" />
            </svg>
            {props.refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        ) : null}
      </header>
      <div class="notice" role="status">
        {props.notice}
      </div>
      {view.kind === 'loading' ? <p class="message">Loading your queue…</p> : null}
      {view.kind === 'no-instance' ? (
        <div class="message">
          <p>
            <strong>No Zendesk seen yet — open your Zendesk agent page.</strong>
          </p>
          <p>The queue appears here once you have opened a ticket or a view in Zendesk's Agent Workspace.</p>
        </div>
      ) : null}
      {view.kind === 'ready' ? (
        <>
          {view.next ? (
            <section class="next" aria-labelledby="next-heading">
              <h2 id="next-heading">Next ticket to work</h2>
              <button
                type="button"
                class="next-open"
                aria-describedby="next-sla"
                onClick={() => props.onOpen(view.next!.origin, view.next!.id)}
              >
                <StatePill state={view.next.state} text={view.next.text} spoken={view.next.spoken} />
                <span class="row-subject">
                  <span class="row-id">#{view.next.id}</span> <bdi>{view.next.subject}</bdi>
                </span>
              </button>
              <span id="next-sla" hidden>
                {view.next.description}
              </span>
            </section>
          ) : null}
          {view.instances.map((instance) => (
            <Instance key={instance.origin} instance={instance} shiftEnd={view.shiftEnd} multiple={view.instances.length > 1} props={props} />
          ))}
        </>
      ) : null}
      <footer class="popup-foot">
        <button type="button" class="link" onClick={props.onCheckPage}>
          Check this Zendesk page
        </button>
      </footer>
    </main>
  );
}
