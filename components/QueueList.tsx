/**
 * The agent's tickets, by next breach: one row per ticket with the page badges' countdown, state colour and
 * icon, a button that opens the ticket, and a snooze menu. Pure: rows in, callbacks out.
 */
import { useState } from 'preact/hooks';
import type { TicketRow } from '@/lib/popup/view-model';
import type { SlaState } from '@/lib/sla/types';
import { STATE_ICON_PATHS } from './state-icons';

/** `spoken`: read in place of the text while it counts seconds (see `BadgeView.spoken`). */
export function StatePill({ state, text, spoken }: { state: SlaState; text: string; spoken: string | null }) {
  return (
    <span class={`pill state-${state}`} data-sla-state={state}>
      <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path fill="currentColor" fill-rule="evenodd" d={STATE_ICON_PATHS[state]} />
      </svg>
      <span class="pill-text" aria-hidden={spoken ? 'true' : undefined}>{text}</span>
      {spoken ? <span class="sr-only">{spoken}</span> : null}
    </span>
  );
}

export type SnoozeChoice = 'hour' | 'shift';

export interface QueueListProps {
  /** Render only the first rows (the popup shows a screenful first, then the rest a frame later). */
  limit?: number;
  label: string;
  rows: TicketRow[];
  /** "17:00", for "Until 17:00". */
  shiftEnd: string;
  onOpen: (origin: string, ticketId: number) => void;
  onSnooze: (origin: string, ticketId: number, choice: SnoozeChoice) => void;
  onUnsnooze: (origin: string, ticketId: number) => void;
}

const STATUS_SHORT: Record<TicketRow['status'], string> = { new: 'New', open: 'Open', pending: 'Pending', hold: 'On-hold', solved: 'Solved', closed: 'Closed' };

function QueueRow({ row, shiftEnd, onOpen, onSnooze, onUnsnooze, menuOpen, setMenuOpen }: {
  row: TicketRow;
  shiftEnd: string;
  menuOpen: boolean;
  setMenuOpen: (open: boolean) => void;
} & Pick<QueueListProps, 'onOpen' | 'onSnooze' | 'onUnsnooze'>) {
  const menuId = `snooze-${row.origin.replace(/\W/g, '')}-${row.id}`;
  const meta = [STATUS_SHORT[row.status], row.priority ? row.priority[0]!.toUpperCase() + row.priority.slice(1) : null, row.metricLabel]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class={`row${row.snoozedUntil ? ' snoozed' : ''}`} data-ticket-id={row.id} data-sla-state={row.state}>
      <div class="row-main">
        {/* Named by what it shows (WCAG 2.5.3, label in name) and the state word; described in minutes. */}
        <button type="button" class="row-open" aria-describedby={`${menuId}-sla`} onClick={() => onOpen(row.origin, row.id)}>
          <StatePill state={row.state} text={row.text} spoken={row.spoken} />
          <span class="row-body">
            <span class="row-subject">
              <span class="row-id">#{row.id}</span> <bdi>{row.subject}</bdi>
            </span>
            <span class="row-meta">
              {meta}
              {row.word ? <span class="sr-only"> SLA {row.word}</span> : null}
              {row.snoozedUntil ? <span class="row-snoozed"> · snoozed until {row.snoozedUntil}</span> : null}
            </span>
          </span>
        </button>
        <span id={`${menuId}-sla`} hidden>
          {row.description}
        </span>
        <button
          type="button"
          class="row-snooze"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          aria-label={`Snooze alerts for ticket ${row.id}`}
          title="Snooze alerts"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M8 2a4.5 4.5 0 0 0-4.5 4.5V10L2 12v1h12v-1l-1.5-2V6.5A4.5 4.5 0 0 0 8 2zm-1.75 12a1.75 1.75 0 0 0 3.5 0z" />
          </svg>
        </button>
      </div>
      {menuOpen ? (
        <div class="snooze-menu" id={menuId} role="group" aria-label={`Snooze ticket ${row.id}`}>
          {row.snoozeBlocked ? (
            <p class="snooze-blocked">{row.snoozeBlocked}</p>
          ) : (
            <>
              <span class="snooze-label">Snooze alerts</span>
              {/* The agent's default (options page) first. */}
              {(row.snoozeFirst === 'shift' ? (['shift', 'hour'] as const) : (['hour', 'shift'] as const)).map((choice) => (
                <button key={choice} type="button" onClick={() => { setMenuOpen(false); onSnooze(row.origin, row.id, choice); }}>
                  {choice === 'hour' ? '1 hour' : `Until ${shiftEnd} (end of shift)`}
                </button>
              ))}
              {row.snoozedUntil ? (
                <button type="button" onClick={() => { setMenuOpen(false); onUnsnooze(row.origin, row.id); }}>Unsnooze</button>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function QueueList({ label, rows, shiftEnd, onOpen, onSnooze, onUnsnooze, limit }: QueueListProps) {
  const [menuFor, setMenuFor] = useState<number | null>(null);
  if (rows.length === 0) return <p class="empty">No open tickets assigned to you.</p>;
  return (
    <ul class="queue" aria-label={label}>
      {(limit === undefined ? rows : rows.slice(0, limit)).map((row) => (
        <QueueRow
          key={row.id}
          row={row}
          shiftEnd={shiftEnd}
          onOpen={onOpen}
          onSnooze={onSnooze}
          onUnsnooze={onUnsnooze}
          menuOpen={menuFor === row.id}
          setMenuOpen={(open) => setMenuFor(open ? row.id : null)}
        />
      ))}
    </ul>
  );
}
