/**
 * The toolbar badge: how many of the agent's tickets are breached or critical (the team's critical threshold, 15
 * minutes by default), coloured by the worst. Same states and thresholds as the page badges (lib/sla/state.ts),
 * so the two never disagree.
 */
import { metricState, mostUrgent } from '../sla/state';
import { DEFAULT_THRESHOLDS, type SlaState, type SlaThresholds } from '../sla/types';
import type { QueueSnapshot, QueueTicket } from '../storage';

/**
 * A snapshot with its deadlines moved onto the local clock (Zendesk's time less the skew measured when it was
 * polled), for countdowns against `Date.now()` when the local clock is wrong. For display only: alert keys keep
 * Zendesk's times.
 */
export function onLocalClock(s: QueueSnapshot): QueueSnapshot {
  const skew = s.skewMs ?? 0;
  if (skew === 0) return s;
  const shift = (t: number | null | undefined) => (t == null ? t : t - skew);
  return {
    ...s,
    tickets: s.tickets.map((t) => ({ ...t, metrics: t.metrics.map((m) => ({ ...m, dueAt: shift(m.dueAt) ?? null, opensAt: shift(m.opensAt) })) })),
  };
}

/** Breached and critical colours of the page badges (components/SlaBadge.css). */
export const BADGE_COLORS = { breached: '#b3261e', critical: '#c2410c' } as const;

export interface ToolbarBadge {
  /** '' hides the badge. */
  text: string;
  color: string;
  /** The action's tooltip, for people who cannot tell the colours apart. */
  title: string;
}

export function ticketState(ticket: Pick<QueueTicket, 'metrics'>, now: number, thresholds: SlaThresholds = DEFAULT_THRESHOLDS): SlaState {
  const m = mostUrgent(ticket.metrics, now);
  return m ? metricState(m, now, thresholds) : 'none';
}

export function toolbarBadge(snapshots: readonly QueueSnapshot[], now: number, thresholds: SlaThresholds = DEFAULT_THRESHOLDS): ToolbarBadge {
  let breached = 0;
  let critical = 0;
  for (const s of snapshots) {
    for (const t of s.tickets) {
      const state = ticketState(t, now, thresholds);
      if (state === 'breached') breached++;
      else if (state === 'critical') critical++;
    }
  }
  const total = breached + critical;
  const within = `due within ${thresholds.criticalMinutes} minute${thresholds.criticalMinutes === 1 ? '' : 's'}`;
  if (total === 0) return { text: '', color: BADGE_COLORS.critical, title: `Zendesk SLA Overlay: nothing breached or ${within}` };
  const parts = [breached ? `${breached} breached` : '', critical ? `${critical} ${within}` : ''].filter(Boolean);
  return {
    text: total > 99 ? '99+' : String(total),
    color: breached ? BADGE_COLORS.breached : BADGE_COLORS.critical,
    title: `Zendesk SLA Overlay: ${parts.join(', ')}`,
  };
}
