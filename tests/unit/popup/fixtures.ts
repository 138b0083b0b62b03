import type { PopupData } from '@/lib/popup/view-model';
import type { QueueTicket } from '@/lib/storage';

export const O = 'https://acme.zendesk.com';
/** Tue 14 Jan 2025, 12:00 in Los Angeles (20:00 UTC). */
export const NOW = Date.UTC(2025, 0, 14, 20, 0);
export const MIN = 60_000;

export function ticket(id: number, over: Partial<QueueTicket> & { dueIn?: number | null; stage?: 'active' | 'paused' | 'achieved' } = {}): QueueTicket {
  const { dueIn, stage, ...rest } = over;
  const metrics = dueIn === null ? [] : [{ metric: 'first_reply_time', stage: stage ?? 'active', source: 'zendesk' as const, dueAt: dueIn === undefined ? null : NOW + dueIn }];
  return { id, subject: `Ticket ${id}`, status: 'open', priority: 'normal', createdAt: NOW - 1000 * MIN + id, updatedAt: NOW, metrics, ...rest };
}

export function data(tickets: QueueTicket[], over: Partial<PopupData> = {}): PopupData {
  return {
    instances: [{ origin: O, firstSeen: NOW - 100 * MIN, lastSeen: NOW }],
    pollStates: {},
    snapshots: { [O]: { origin: O, fetchedAt: NOW - 30_000, count: tickets.length, tickets } },
    snoozes: {},
    shift: { end: '17:00', zone: 'America/Los_Angeles' },
    ...over,
  };
}
