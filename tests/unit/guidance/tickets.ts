/**
 * Guidance inputs from real data: the Zendesk fixtures copied from public repos (tests/fixtures/zendesk) and the
 * replica's seed, rendered through the replica's own JSON (ticket, requester, metric set) and read back with
 * guidanceTicketFromApi, exactly as the extension will read a live response.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ticketJson, userJson } from '../../../replica/model';
import { SEED } from '../../../replica/seed';
import { ReplicaStore } from '../../../replica/store';
import { guidanceTicketFromApi, type GuidanceTicket } from '@/lib/guidance/ticket';

export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/zendesk');
const BASE_URL = 'https://replica.zendesk.example';
const NOW = Date.UTC(2024, 2, 6, 18, 0, 0);

export function readFixture(file: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) as unknown;
}

function fromApi(ticket: unknown, requester?: unknown, metricSet?: unknown): GuidanceTicket {
  const r = guidanceTicketFromApi(ticket, requester, metricSet);
  if (!r.ok) throw new Error(r.error);
  return r.ticket;
}

/** Real fixture tickets, by a short name: [file, how to reach the ticket object, requester]. */
export function fixtureTicket(
  name: 'ticket-email-solved' | 'search-urgent-api' | 'slab-web-low' | 'zenpy-sample' | 'zenpy-view-api' | 'sideload-urgent-api',
): GuidanceTicket {
  const get = (file: string): Record<string, unknown> => readFixture(file) as Record<string, unknown>;
  const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : undefined);
  switch (name) {
    case 'ticket-email-solved':
      return fromApi(get('go-zendesk__GET_ticket.json')['ticket']);
    case 'search-urgent-api':
      return fromApi(first(get('go-zendesk__GET_search_ticket.json')['results']));
    case 'slab-web-low':
      return fromApi(get('slab-readme__GET_tickets_include_slas__one_ticket.json'));
    case 'zenpy-sample':
      return fromApi(first(get('zenpy__GET_tickets_cursor_page_size1.json')['tickets']));
    case 'zenpy-view-api':
      return fromApi(first(get('zenpy__GET_views_id_tickets_cursor_page_size1.json')['tickets']));
    case 'sideload-urgent-api': {
      const body = get('go-zendesk__GET_ticket_sideload.json');
      return fromApi(body['ticket'], first(body['users']));
    }
  }
}

const store = new ReplicaStore(() => NOW);

/** A seeded ticket as the API would send it, with its requester and metric set. */
export function seedTicket(id: number): GuidanceTicket {
  const t = store.ticket(id);
  if (!t) throw new Error(`no seeded ticket ${id}`);
  const requester = store.user(t.requesterId);
  return fromApi(ticketJson(t, { baseUrl: BASE_URL, now: NOW, slas: false }), requester && userJson(requester, BASE_URL), store.metricSet(t, BASE_URL));
}

/** Every live seeded ticket. */
export function allSeedTickets(): GuidanceTicket[] {
  return store.liveTickets().map((t) => seedTicket(t.id));
}

export function seedTicketBySubject(subject: string): GuidanceTicket {
  const t = store.liveTickets().find((x) => x.subject === subject);
  if (!t) throw new Error(`no seeded ticket "${subject}"`);
  return seedTicket(t.id);
}

/** A near copy of a real ticket: only the named fields differ. */
export function variant(base: GuidanceTicket, over: Partial<Omit<GuidanceTicket, 'requester'>> & { requester?: Partial<GuidanceTicket['requester']> }): GuidanceTicket {
  return { ...base, ...over, requester: { ...base.requester, ...over.requester } };
}

export { SEED };
