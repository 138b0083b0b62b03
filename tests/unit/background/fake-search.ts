/**
 * A Zendesk stand-in for the poller's requests: Search (offset pages of 100, `include=tickets(slas)`), Show Self,
 * forced statuses, Retry-After and rate-limit headers. Records every request as path + query.
 */
export interface FakeQueueTicket {
  id: number;
  priority?: 'urgent' | 'high' | 'normal' | 'low' | null;
  status?: 'new' | 'open' | 'pending' | 'hold';
  /** First-reply breach time (epoch ms); null for no SLA. */
  dueAt: number | null;
  createdAt?: number;
}

export interface FakeSearchOptions {
  /** Answer `assignee:me` with this status (Zendesk accounts that do not understand it). */
  refuseMe?: number;
  userId?: number;
  limit?: number;
}

export function fakeSearch(tickets: FakeQueueTicket[], options: FakeSearchOptions = {}) {
  const requests: string[] = [];
  const state = {
    tickets,
    /** Statuses to answer with, one per request, before answering normally. */
    failures: [] as { status: number; retryAfter?: string }[],
    /** Throw (a network error) for the next n requests. */
    networkDown: 0,
    remaining: options.limit ?? 700,
    signedIn: true,
  };
  const limit = options.limit ?? 700;
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.pathname + url.search);
    const path = url.pathname.replace(/\.json$/, '');
    if (state.networkDown > 0) {
      state.networkDown--;
      throw new TypeError('Failed to fetch');
    }
    state.remaining = Math.max(0, state.remaining - 1);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-rate-limit': String(limit),
      'x-rate-limit-remaining': String(state.remaining),
    };
    const fail = state.failures.shift();
    if (fail) {
      if (fail.retryAfter) headers['retry-after'] = fail.retryAfter;
      return new Response(JSON.stringify({ error: 'Forced' }), { status: fail.status, headers });
    }
    if (path === '/api/v2/users/me') {
      const id = state.signedIn ? (options.userId ?? 1001) : null;
      return new Response(JSON.stringify({ user: { id, name: 'Alex', role: id ? 'agent' : 'end-user' } }), { headers });
    }
    if (path === '/api/v2/search') {
      if (!state.signedIn) return new Response(JSON.stringify({ error: "Couldn't authenticate you" }), { status: 401, headers });
      const query = url.searchParams.get('query') ?? '';
      if (options.refuseMe && query.includes('assignee:me')) {
        return new Response(JSON.stringify({ error: 'InvalidValue' }), { status: options.refuseMe, headers });
      }
      const perPage = Number(url.searchParams.get('per_page') ?? 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const reachable = Math.min(state.tickets.length, 1000);
      const slice = state.tickets.slice((page - 1) * perPage, page * perPage);
      const next = new URL(`${url.origin}/api/v2/search.json${url.search}`);
      next.searchParams.set('page', String(page + 1));
      return new Response(
        JSON.stringify({
          results: slice.map((t) => ({ ...ticketJson(t), result_type: 'ticket' })),
          count: state.tickets.length,
          next_page: page * perPage < reachable ? next.href : null,
          previous_page: null,
        }),
        { headers },
      );
    }
    return new Response(JSON.stringify({ error: 'InvalidEndpoint' }), { status: 404, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, state };
}

function ticketJson(t: FakeQueueTicket) {
  const created = new Date(t.createdAt ?? Date.UTC(2026, 10, 16, 12)).toISOString();
  return {
    id: t.id,
    subject: `Ticket ${t.id}`,
    status: t.status ?? 'open',
    priority: t.priority === undefined ? 'normal' : t.priority,
    created_at: created,
    updated_at: created,
    via: { channel: 'email' },
    tags: [],
    slas: {
      policy_metrics: t.dueAt === null ? [] : [{ metric: 'first_reply_time', stage: 'active', breach_at: new Date(t.dueAt).toISOString() }],
    },
  };
}

export function manyTickets(n: number, dueAt: (i: number) => number | null): FakeQueueTicket[] {
  return Array.from({ length: n }, (_, i) => ({ id: 1000 + i, dueAt: dueAt(i) }));
}
