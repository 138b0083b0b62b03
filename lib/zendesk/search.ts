/**
 * The agent's own open tickets with their live SLAs, for the worker's poller: one Search query
 * (`type:ticket assignee:me status<solved`, `include=tickets(slas,metric_sets)`, 100 per page), following
 * `next_page`. N tickets cost ceil(N/100) requests (Search stops at 1,000 results, so at most 10), plus at most
 * one `/users/me` when Zendesk refuses `assignee:me` and the agent's id is unknown or a day old. Never one
 * request per ticket. Failures are values (`ApiError`), as in `api.ts`.
 */
import { interpretResponse, type ApiResult, type TicketSlaData } from './api';
import { fetchRaw, type ApiError } from './http';
import { searchTicketsWithSlasResponseSchema, userMeResponseSchema } from './schemas';

export const SEARCH_PAGE_SIZE = 100;
/** Zendesk's Search returns at most 1,000 results (REFERENCE.md §1.4): page 11 would be a 422. */
export const SEARCH_MAX_PAGES = 10;
/** How long a fetched user id is trusted. */
export const USER_ID_STALE_MS = 24 * 60 * 60_000;

export type AssigneeQuery = 'me' | 'id';

export interface MyQueueRequest {
  /** `https://acme.zendesk.com`: every request goes to this origin, never elsewhere (the session rides along). */
  origin: string;
  fetch: typeof fetch;
  now: () => number;
  assigneeQuery: AssigneeQuery;
  userId: number | null;
  userFetchedAt: number | null;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called before each request (the poller renews its lock here). */
  beforeRequest?: () => Promise<void>;
}

export interface MyQueue {
  tickets: TicketSlaData[];
  /** Zendesk's total; larger than `tickets.length` when more than 1,000 tickets match. */
  count: number;
  truncated: boolean;
}

export interface RateLimit {
  remaining: number;
  limit: number | null;
}

export interface MyQueueFetch {
  result: ApiResult<MyQueue>;
  /** Requests made, including a `/users/me`. */
  requests: number;
  /** From the last response that had rate-limit headers. */
  rateLimit: RateLimit | null;
  /** What to remember for the next poll. */
  assigneeQuery: AssigneeQuery;
  userId: number | null;
  userFetchedAt: number | null;
}

export function myQueueQuery(assignee: 'me' | number): string {
  return `type:ticket assignee:${assignee} status<solved`;
}

export function searchPath(assignee: 'me' | number): string {
  const q = new URLSearchParams({ query: myQueueQuery(assignee), include: 'tickets(slas,metric_sets)', per_page: String(SEARCH_PAGE_SIZE) });
  return `/api/v2/search?${q.toString()}`;
}

const SIGNED_OUT: ApiError = {
  kind: 'signed-out',
  status: 401,
  message: 'Zendesk says you are signed out. Open Zendesk and sign in; alerts resume by themselves.',
};

/** api.ts words its errors for a single ticket; say what failed here instead. */
function searchError(error: ApiError): ApiError {
  if (error.kind === 'signed-out') return SIGNED_OUT;
  if (error.kind === 'forbidden' || error.kind === 'not-found') {
    return { ...error, message: `Zendesk refused to search your tickets (${error.status ?? 'error'}). Ask an admin whether your role can use search.` };
  }
  return error;
}

function headerNumber(headers: Headers, names: string[]): number | null {
  for (const name of names) {
    const v = headers.get(name);
    if (v !== null && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return null;
}

/** The next page on our own origin: Zendesk's `next_page` is absolute and may say `.json` or another host alias. */
function nextPageUrl(origin: string, nextPage: string): string | null {
  try {
    const u = new URL(nextPage, origin);
    return origin + u.pathname + u.search;
  } catch {
    return null;
  }
}

export async function fetchMyQueue(req: MyQueueRequest): Promise<MyQueueFetch> {
  let requests = 0;
  let rateLimit: RateLimit | null = null;
  // Reuse fetchRaw (timeout, cancellation, error vocabulary) and read the rate-limit headers on the way past.
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await req.fetch(input, init);
    const remaining = headerNumber(response.headers, ['x-rate-limit-remaining', 'rate-limit-remaining', 'ratelimit-remaining']);
    if (remaining !== null) rateLimit = { remaining, limit: headerNumber(response.headers, ['x-rate-limit', 'rate-limit', 'ratelimit-limit']) };
    return response;
  };
  const get = async (url: string) => {
    await req.beforeRequest?.();
    requests++;
    return fetchRaw(observingFetch, url, { signal: req.signal, timeoutMs: req.timeoutMs });
  };
  let assigneeQuery = req.assigneeQuery;
  let userId = req.userId;
  let userFetchedAt = req.userFetchedAt;
  const done = (result: ApiResult<MyQueue>): MyQueueFetch => ({ result, requests, rateLimit, assigneeQuery, userId, userFetchedAt });

  const ensureUserId = async (): Promise<ApiError | null> => {
    const now = req.now();
    if (userId !== null && userFetchedAt !== null && now - userFetchedAt < USER_ID_STALE_MS) return null;
    const got = await get(`${req.origin}/api/v2/users/me`);
    if (!got.ok) return got.error;
    const me = interpretResponse(got.raw, userMeResponseSchema, req.now());
    if (!me.ok) return me.error;
    // Show Self answers anonymous callers with id null instead of a 401.
    if (me.value.user.id == null) return SIGNED_OUT;
    userId = me.value.user.id;
    userFetchedAt = req.now();
    return null;
  };

  const searchAll = async (assignee: 'me' | number): Promise<ApiResult<MyQueue>> => {
    const tickets: TicketSlaData[] = [];
    let url: string | null = req.origin + searchPath(assignee);
    let count = 0;
    let serverDate: number | null = null;
    for (let page = 0; url !== null && page < SEARCH_MAX_PAGES; page++) {
      const got = await get(url);
      if (!got.ok) return got;
      const r = interpretResponse(got.raw, searchTicketsWithSlasResponseSchema, req.now());
      if (!r.ok) return { ok: false, error: searchError(r.error) };
      const sets = new Map((r.value.metric_sets ?? []).map((s) => [s.ticket_id, s]));
      for (const ticket of r.value.results) tickets.push({ ticket, metricSet: sets.get(ticket.id) });
      count = r.value.count;
      serverDate = r.serverDate ?? serverDate;
      url = r.value.next_page ? nextPageUrl(req.origin, r.value.next_page) : null;
    }
    return { ok: true, value: { tickets, count, truncated: count > tickets.length }, serverDate };
  };

  if (assigneeQuery === 'me') {
    const first = await searchAll('me');
    const refused = !first.ok && (first.error.status === 400 || first.error.status === 422);
    if (!refused) return done(first);
    // This account does not understand `assignee:me`: ask who the agent is, once, and use the id from now on.
    assigneeQuery = 'id';
  }
  const userError = await ensureUserId();
  if (userError) return done({ ok: false, error: userError });
  if (userId === null) return done({ ok: false, error: SIGNED_OUT });
  return done(await searchAll(userId));
}
