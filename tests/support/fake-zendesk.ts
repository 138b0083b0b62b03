import { handleSlaIngest } from '@/lib/background/sla-ingest';
import { createSlaSource, type SlaLoad } from '@/lib/content/sla-source';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { SLA_PRESETS } from '@/lib/sla/presets';
/** A fetch stand-in that answers the two SLA endpoints from a list of tickets, and records requests. */
export interface FakeTicket {
  id: number;
  status?: string;
  priority?: string | null;
  created_at?: string;
  via?: { channel: string };
  tags?: string[];
  policy_metrics?: { metric: string; stage: string; breach_at: string | null }[];
  replies?: number;
}

function ticketJson(t: FakeTicket) {
  return {
    id: t.id,
    subject: `Ticket ${t.id}`,
    status: t.status ?? 'open',
    priority: t.priority ?? 'normal',
    created_at: t.created_at ?? '2026-11-16T16:00:00Z',
    updated_at: '2026-11-16T16:00:00Z',
    via: t.via ?? { channel: 'email' },
    tags: t.tags ?? [],
    slas: { policy_metrics: t.policy_metrics ?? [] },
  };
}

function metricSet(t: FakeTicket) {
  return { ticket_id: t.id, replies: t.replies ?? 0, requester_updated_at: t.created_at ?? '2026-11-16T16:00:00Z' };
}

export function fakeZendesk(tickets: FakeTicket[]) {
  const requests: string[] = [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  let failWith: number | null = null;
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.pathname + url.search);
    const headers = { 'content-type': 'application/json', date: new Date().toUTCString() };
    if (failWith !== null) return new Response(JSON.stringify({ error: 'fail' }), { status: failWith, headers });
    const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(url.pathname);
    if (one) {
      const t = byId.get(Number(one[1]));
      if (!t) return new Response(JSON.stringify({ error: 'RecordNotFound' }), { status: 404, headers });
      return new Response(JSON.stringify({ ticket: ticketJson(t), metric_sets: [metricSet(t)] }), { headers });
    }
    if (url.pathname === '/api/v2/tickets/show_many') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').map(Number);
      const found = ids.map((id) => byId.get(id)).filter((t): t is FakeTicket => t !== undefined);
      return new Response(JSON.stringify({ tickets: found.map(ticketJson), metric_sets: found.map(metricSet) }), { headers });
    }
    return new Response('{}', { status: 404, headers });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    failWith(status: number | null) {
      failWith = status;
    },
  };
}


/** The page's loader wired to the worker's handler in-process, as the extension wires them by messaging. */
export function slaLoad(fetch: typeof globalThis.fetch, origin = 'https://acme.zendesk.com'): SlaLoad {
  return createSlaSource({
    origin,
    fetch,
    send: async (request) =>
      handleSlaIngest(request, { now: () => Date.now(), preset: () => SLA_PRESETS.handbook, calendar: () => gitlabCalendar('global') })!,
  });
}
