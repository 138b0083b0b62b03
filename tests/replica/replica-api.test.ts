import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_EMAIL, API_TOKEN, SEED, startReplica, type Replica } from '@/replica/server';
import { signedInAgent, type CallOptions, type Reply, type SignedInAgent } from './signed-in-agent';

let replica: Replica;
let agent: SignedInAgent;
let cookie: string;

beforeAll(async () => {
  replica = await startReplica();
  agent = await signedInAgent(replica);
  cookie = agent.cookie;
});
afterAll(() => replica.close());
afterEach(() => replica.reset());

const call = (method: string, p: string, opts?: CallOptions): Promise<Reply> => agent.call(method, p, opts);
const search = async (query: string, extra = ''): Promise<Reply> => call('GET', `/api/v2/search?query=${encodeURIComponent(query)}${extra}`);

describe('auth and CSRF', () => {
  it('answers API calls without the session cookie with 401 and Zendesk\'s body', async () => {
    const r = await call('GET', `/api/v2/tickets/${SEED.ticketDue12m}`, { auth: false });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: "Couldn't authenticate you" });
  });

  it('rejects writes without X-CSRF-Token or with a wrong one (403) and accepts the users/me token', async () => {
    const body = { ticket: { priority: 'low' } };
    expect((await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}`, { body, token: null })).status).toBe(403);
    const wrong = await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}`, { body, token: 'nope' });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error).toBe('InvalidCsrfToken');
    expect((await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}/tags`, { body: { tags: ['x'] }, token: null })).status).toBe(403);
    expect((await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}`, { body })).status).toBe(200);
    expect(replica.requests.at(-1)).toMatchObject({ method: 'PUT', status: 200, csrf: true });
  });

  it('redirects agent pages to the sign-in form without a session, and signs in with the form', async () => {
    const page = await fetch(`${replica.url}/agent/tickets/101`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/access/login?return_to=%2Fagent%2Ftickets%2F101');
    const login = await fetch(`${replica.url}/access/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=alex.agent%40example.com&password=replica&return_to=%2Fagent%2Ftickets%2F101',
    });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/agent/tickets/101');
    expect(login.headers.get('set-cookie')).toMatch(/^_zendesk_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });
});

describe('rate limit', () => {
  it('sends rate-limit headers and answers 429 with Retry-After past the budget, until the minute rolls over', async () => {
    const small = await startReplica({ budgetPerMinute: 3 });
    const c = `${small.sessionCookie.name}=${small.sessionCookie.value}`;
    try {
      const get = () => fetch(`${small.url}/api/v2/views`, { headers: { cookie: c } });
      const first = await get();
      expect(first.headers.get('x-rate-limit')).toBe('3');
      expect(first.headers.get('rate-limit-remaining')).toBe('2');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('2');
      expect(first.headers.get('rate-limit-reset')).toMatch(/^\d+$/);
      expect(first.headers.get('date')).toBeTruthy();
      expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
      await get();
      await get();
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: 'APIRateLimitExceeded' });
      small.clock.advance(61_000);
      expect((await get()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('tickets', () => {
  it('returns 404 RecordNotFound for unknown and deleted tickets', async () => {
    for (const id of [SEED.ticketUnknown, SEED.ticketDeleted]) {
      const r = await call('GET', `/api/v2/tickets/${id}`);
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    }
  });

  it('reports time-to-breach in one coarse unit that follows the clock', async () => {
    const metric = async () => (await call('GET', `/api/v2/tickets/${SEED.ticketDue4m}?include=slas`)).json.ticket.slas.policy_metrics[0];
    expect(await metric()).toMatchObject({ metric: 'first_reply_time', stage: 'active', minutes: 4 });
    replica.clock.advance(34 * 60_000);
    expect(await metric()).toMatchObject({ minutes: -30 });
    replica.clock.advance(3 * 86_400_000);
    expect(await metric()).toMatchObject({ days: -3 });
    expect((await call('GET', `/api/v2/tickets/${SEED.ticketNoSlaTwitter}?include=slas`)).json.ticket.slas).toEqual({ policy_metrics: [] });
  });

  it('show_many skips unknown ids and caps ids at 100', async () => {
    const r = await call('GET', `/api/v2/tickets/show_many?ids=${SEED.ticketDue4m},${SEED.ticketUnknown},${SEED.ticketDeleted}`);
    expect(r.json.tickets.map((t: { id: number }) => t.id)).toEqual([SEED.ticketDue4m]);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await call('GET', `/api/v2/tickets/show_many?ids=${many}`)).status).toBe(400);
  });

  it('refuses a safe_update with a stale updated_stamp (409) and accepts the current one', async () => {
    const t = (await call('GET', `/api/v2/tickets/${SEED.ticketDue12m}`)).json.ticket;
    const ok = await call('PUT', `/api/v2/tickets/${t.id}`, { body: { ticket: { priority: 'urgent', safe_update: true, updated_stamp: t.updated_at } } });
    expect(ok.status).toBe(200);
    expect(ok.json.ticket.updated_at).not.toBe(t.updated_at);
    const stale = await call('PUT', `/api/v2/tickets/${t.id}`, { body: { ticket: { priority: 'low', safe_update: true, updated_stamp: t.updated_at } } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe('UpdateConflict');
    expect(replica.store.ticket(t.id)?.priority).toBe('urgent');
  });

  it('a public agent reply achieves the running first reply; an internal note does not', async () => {
    const id = SEED.ticketDue4m;
    await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { comment: { body: 'note', public: false } } } });
    expect(replica.store.ticket(id)?.metrics[0]?.stage).toBe('active');
    const r = await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { comment: { html_body: '<p>On it</p>', public: true } } } });
    expect(r.json.ticket.status).toBe('open');
    expect(r.json.audit.events.map((e: { type: string }) => e.type)).toContain('Comment');
    expect(replica.store.ticket(id)?.metrics[0]?.stage).toBe('achieved');
    const comments = (await call('GET', `/api/v2/tickets/${id}/comments`)).json.comments;
    expect(comments.at(-1)).toMatchObject({ body: 'On it', public: true, author_id: SEED.agent, type: 'Comment' });
  });

  it('pending pauses requester wait but keeps the reply clock running; open resumes it', async () => {
    const id = SEED.ticketPendingNoReply;
    await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { status: 'open' } } });
    const metrics = replica.store.ticket(id)?.metrics ?? [];
    expect(metrics.find((m) => m.metric === 'first_reply_time')?.stage).toBe('active');
    const paused = SEED.ticketPausedPending;
    expect((await call('GET', `/api/v2/tickets/${paused}?include=slas`)).json.ticket.slas.policy_metrics).toContainEqual(
      expect.objectContaining({ metric: 'requester_wait_time', stage: 'paused', breach_at: null }),
    );
    await call('PUT', `/api/v2/tickets/${paused}`, { body: { ticket: { status: 'open' } } });
    const resumed = (await call('GET', `/api/v2/tickets/${paused}?include=slas`)).json.ticket.slas.policy_metrics;
    expect(resumed).toContainEqual(expect.objectContaining({ metric: 'requester_wait_time', stage: 'active', days: 1, breach_at: expect.any(String) }));
  });

  it('rejects clearing a set priority (422)', async () => {
    expect((await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}`, { body: { ticket: { priority: null } } })).status).toBe(422);
  });

  it('tags: PUT adds, POST replaces, DELETE removes', async () => {
    const p = `/api/v2/tickets/${SEED.ticketAchieved}/tags`;
    expect((await call('PUT', p, { body: { tags: ['VIP', 'licensing'] } })).json.tags).toEqual(['licensing', 'vip']);
    expect((await call('POST', p, { body: { tags: ['a', 'b'] } })).json.tags).toEqual(['a', 'b']);
    expect((await call('DELETE', p, { body: { tags: ['a'] } })).status).toBe(204);
    expect((await call('GET', p)).json.tags).toEqual(['b']);
  });
});

describe('search', () => {
  it('understands type:ticket assignee:me status<solved', async () => {
    const r = await search('type:ticket assignee:me status<solved', '&per_page=100');
    const expected = replica.store.liveTickets().filter((t) => t.assigneeId === SEED.agent && ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(r.json.count).toBe(expected.length);
    expect(r.json.results.every((x: { result_type: string; assignee_id: number }) => x.result_type === 'ticket' && x.assignee_id === SEED.agent)).toBe(true);
    expect((await search(`assignee:${SEED.agent} status<solved`)).json.count).toBe(expected.length);
  });

  it('understands status:, priority: and priority>, negation and free words on the subject', async () => {
    const statuses = (await search('status:pending', '&per_page=100')).json.results.map((t: { status: string }) => t.status);
    expect(new Set(statuses)).toEqual(new Set(['pending']));
    const urgent = (await search('priority:urgent', '&per_page=100')).json.results;
    expect(urgent.length).toBeGreaterThan(2);
    expect(urgent.every((t: { priority: string }) => t.priority === 'urgent')).toBe(true);
    const high = (await search('priority>normal', '&per_page=100')).json.results.map((t: { priority: string }) => t.priority);
    expect(new Set(high)).toEqual(new Set(['high', 'urgent']));
    expect((await search('status>hold', '&per_page=100')).json.results.every((t: { status: string }) => ['solved', 'closed'].includes(t.status))).toBe(true);
    const words = (await search('ldap sync')).json.results.map((t: { id: number }) => t.id);
    expect(words).toEqual([SEED.ticketDue3h]);
    expect((await search('type:ticket -status:open status<solved')).json.results.some((t: { status: string }) => t.status === 'open')).toBe(false);
    expect((await search('type:user')).json.count).toBe(0);
  });

  it('pages with page/per_page, next_page/previous_page, and refuses pages past 1,000 results (422)', async () => {
    const all = (await search('type:ticket', '&per_page=100')).json.count;
    const p1 = await search('type:ticket', '&per_page=20&page=1&sort_by=created_at&sort_order=asc');
    expect(p1.json.results).toHaveLength(20);
    expect(p1.json.next_page).toContain('page=2');
    expect(p1.json.previous_page).toBeNull();
    const p3 = await search('type:ticket', '&per_page=20&page=3&sort_by=created_at&sort_order=asc');
    expect(p3.json.results).toHaveLength(all - 40);
    expect(p3.json.next_page).toBeNull();
    expect(p3.json.previous_page).toContain('page=2');
    const created = p1.json.results.map((t: { created_at: string }) => Date.parse(t.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect((await search('type:ticket', '&per_page=500')).json.results.length).toBeLessThanOrEqual(100);
    expect((await search('type:ticket', '&per_page=100&page=11')).status).toBe(422);
    expect((await search('type:ticket', '&per_page=100&page=10')).status).toBe(200);
  });

  it('sideloads slas per result with include=tickets(slas) only', async () => {
    expect((await search('type:ticket')).json.results[0]).not.toHaveProperty('slas');
    expect((await search('type:ticket', '&include=tickets(slas)')).json.results[0]).toHaveProperty('slas.policy_metrics');
  });
});

describe('views', () => {
  it('walks "All unsolved tickets" with cursor pages of 30 and comes back with page[before]', async () => {
    const base = `/api/v2/views/${SEED.viewAllUnsolved}/tickets`;
    const first = await call('GET', `${base}?page[size]=30`);
    expect(first.json.tickets).toHaveLength(30);
    expect(first.json.meta).toMatchObject({ has_more: true, before_cursor: null });
    expect(first.json.links.prev).toBeNull();
    const next = new URL(first.json.links.next as string);
    const second = await call('GET', `${next.pathname}${next.search}`);
    expect(second.json.meta.has_more).toBe(false);
    expect(second.json.links.next).toBeNull();
    const ids = [...first.json.tickets, ...second.json.tickets].map((t: { id: number }) => t.id);
    const unsolved = replica.store.liveTickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(new Set(ids).size).toBe(unsolved.length);
    const back = await call('GET', `${base}?page[size]=30&page[before]=${encodeURIComponent(second.json.meta.before_cursor)}`);
    expect(back.json.tickets.map((t: { id: number }) => t.id)).toEqual(first.json.tickets.map((t: { id: number }) => t.id));
    expect((await call('GET', `${base}?page[size]=1000`)).json.tickets.length).toBeLessThanOrEqual(100);
  });

  it('lists only my unsolved tickets in "Your unsolved tickets" and unassigned ones in "Unassigned tickets"', async () => {
    const mine = (await call('GET', `/api/v2/views/${SEED.viewMine}/tickets?page[size]=100`)).json.tickets;
    expect(mine.every((t: { assignee_id: number; status: string }) => t.assignee_id === SEED.agent && t.status !== 'solved')).toBe(true);
    const unassigned = (await call('GET', `/api/v2/views/${SEED.viewUnassigned}/tickets?page[size]=100`)).json.tickets;
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned.every((t: { assignee_id: number | null }) => t.assignee_id === null)).toBe(true);
  });
});

describe('faults and control endpoints', () => {
  it('forces a status only on matching paths, and logs every API request', async () => {
    replica.faults.status = 503;
    replica.faults.match = '/search';
    expect((await search('type:ticket')).status).toBe(503);
    expect((await call('GET', `/api/v2/tickets/${SEED.ticketDue12m}`)).status).toBe(200);
    expect(replica.requests.map((r) => [r.path, r.status])).toEqual([
      ['/api/v2/search', 503],
      [`/api/v2/tickets/${SEED.ticketDue12m}`, 200],
    ]);
  });

  it('sends invalid JSON when malformed, extra and missing fields when drifting', async () => {
    replica.faults.malformed = true;
    const res = await fetch(`${replica.url}/api/v2/tickets/${SEED.ticketDue12m}`, { headers: { cookie } });
    await expect(res.clone().json()).rejects.toThrow();
    replica.faults.malformed = false;
    replica.faults.drift = true;
    const t = (await call('GET', `/api/v2/tickets/${SEED.ticketDue12m}?include=slas`)).json.ticket;
    expect(t).toHaveProperty('x_new_field');
    expect(t).not.toHaveProperty('via');
    expect(t.slas.policy_metrics[0]).not.toHaveProperty('minutes');
  });

  it('hangs API requests when asked, and close() still returns', async () => {
    const r = await startReplica();
    r.faults.hang = true;
    const controller = new AbortController();
    const pending = fetch(`${r.url}/api/v2/users/me`, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((done) => setTimeout(done, 100));
    expect(r.requests).toHaveLength(1);
    controller.abort();
    await pending;
    await r.close();
  });

  it('drives clock, faults, reset and the request log over HTTP', async () => {
    const post = (p: string, body: unknown) =>
      fetch(`${replica.url}/__replica/${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const before = replica.clock.now();
    const after = (await post('clock', { advance: 3_600_000 })) as { now: number };
    expect(after.now - before).toBeGreaterThanOrEqual(3_600_000);
    expect(await post('faults', { latencyMs: 5, markupDrift: true })).toMatchObject({ latencyMs: 5, markupDrift: true, hang: false });
    await call('GET', '/api/v2/views');
    const log = (await (await fetch(`${replica.url}/__replica/requests`)).json()) as { requests: unknown[] };
    expect(log.requests).toHaveLength(1);
    await post('reset', {});
    expect(replica.faults).toMatchObject({ latencyMs: 0, markupDrift: false, status: null });
    expect(replica.requests).toHaveLength(0);
    expect(replica.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
  });
});

describe('API token authentication', () => {
  it("signs an agent in with Zendesk's {email}/token:{token} Basic auth, and refuses a wrong token", async () => {
    const replica = await startReplica({ port: 0 });
    try {
      const basic = (token: string) => `Basic ${Buffer.from(`${AGENT_EMAIL}/token:${token}`).toString('base64')}`;
      const ok = await fetch(`${replica.url}/api/v2/users/me`, { headers: { authorization: basic(API_TOKEN) } });
      expect(((await ok.json()) as { user: { id: number } }).user.id).toBe(1001);
      const wrong = await fetch(`${replica.url}/api/v2/search?query=type:ticket`, { headers: { authorization: basic('nope') } });
      expect(wrong.status).toBe(401);
    } finally {
      await replica.close();
    }
  });
});
