import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scheduleResponseSchema,
  searchTicketsResponseSchema,
  showManyResponseSchema,
  showTicketResponseSchema,
  ticketSchema,
  userMeResponseSchema,
} from '@/lib/zendesk/schemas';
import { SEED, startReplica, type Replica } from '@/replica/server';
import { errorsText, loadSpec, nullKeys, type SpecValidators } from './openapi-schema';
import { signedInAgent, type Reply, type SignedInAgent } from './signed-in-agent';

const ZENDESK_FIXTURES = path.resolve(__dirname, '../fixtures/zendesk');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(ZENDESK_FIXTURES, name), 'utf8')) as Record<string, unknown>;

// Nullability comes from real captures, not from guesses: every ticket/user key a fixture shows as null.
const realTickets = [
  fixture('go-zendesk__GET_ticket.json')['ticket'],
  ...(fixture('go-zendesk__GET_tickets.json')['tickets'] as unknown[]),
  ...(fixture('go-zendesk__GET_search_ticket.json')['results'] as unknown[]),
  ...(fixture('zenpy__GET_views_id_tickets_cursor_page_size1.json')['tickets'] as unknown[]),
  fixture('go-zendesk__PUT_ticket.json')['ticket'],
  JSON.parse(readFileSync(path.join(ZENDESK_FIXTURES, 'slab-readme__GET_tickets_include_slas__one_ticket.json'), 'utf8')),
];
const realUsers = [fixture('zenpy__GET_users_me.json')['user'], fixture('go-zendesk__GET_user.json')['user']];
const ticketNulls = nullKeys(realTickets);
const userNulls = nullKeys(realUsers);
const viewNulls = nullKeys([fixture('go-zendesk__GET_view.json')['view'], ...(fixture('go-zendesk__GET_views.json')['views'] as unknown[])]);

let spec: SpecValidators;
let replica: Replica;
let agent: SignedInAgent;

beforeAll(async () => {
  spec = loadSpec(path.join(ZENDESK_FIXTURES, 'openapi.yaml'), {
    TicketObject: ticketNulls,
    UserForAdmin: userNulls,
    UserForEndUser: userNulls,
    ViewObject: viewNulls,
  });
  replica = await startReplica();
  agent = await signedInAgent(replica);
}, 20_000);
afterAll(() => replica.close());

const call = (method: string, p: string, body?: unknown): Promise<Reply> => agent.call(method, p, { body });

function expectValid(v: ReturnType<SpecValidators['response']>, data: unknown): void {
  const ok = v(data);
  expect(ok, errorsText(v)).toBe(true);
}

/** The error format the spec documents in prose ("Errors JSON Format" on Search), not as a schema. */
function expectZendeskError(json: unknown, error: string): void {
  expect(json).toMatchObject({ error });
  const { description } = json as { description?: unknown };
  expect(description === undefined || typeof description === 'string').toBe(true);
}

describe('the converted OpenAPI spec', () => {
  it('accepts the real captured responses (calibration: nullability taken from them)', () => {
    expectValid(spec.response('/api/v2/tickets/{ticket_id}', 'get', '200'), fixture('go-zendesk__GET_ticket.json'));
    expectValid(spec.response('/api/v2/search', 'get', '200'), fixture('go-zendesk__GET_search_ticket.json'));
    expectValid(spec.response('/api/v2/views/{view_id}/tickets', 'get', '200'), fixture('zenpy__GET_views_id_tickets_cursor_page_size1.json'));
    expectValid(spec.response('/api/v2/users/me', 'get', '200'), fixture('zenpy__GET_users_me.json'));
    expectValid(spec.response('/api/v2/tickets/{ticket_id}/tags', 'put', '200'), fixture('go-zendesk__PUT_tags.json'));
  });

  it('rejects a ticket whose id is a string or whose priority is not in the enum', async () => {
    const v = spec.response('/api/v2/tickets/{ticket_id}', 'get', '200');
    const { json } = await call('GET', `/api/v2/tickets/${SEED.ticketDue12m}`);
    const ticket = (json as { ticket: Record<string, unknown> }).ticket;
    expect(v({ ticket: { ...ticket, id: String(ticket['id']) } })).toBe(false);
    expect(v({ ticket: { ...ticket, priority: 'critical' } })).toBe(false);
    expect(v({ ticket: { ...ticket, updated_at: 'yesterday' } })).toBe(false);
    expect(v({ ticket: { ...ticket, custom_status_id: null } })).toBe(false);
  });
});

describe('replica responses match the Zendesk OpenAPI spec', () => {
  it('GET /users/me (signed in) matches CurrentUserResponse and carries authenticity_token', async () => {
    const { status, json } = await call('GET', '/api/v2/users/me');
    expect(status).toBe(200);
    expectValid(spec.response('/api/v2/users/me', 'get', '200'), json);
    expect(userMeResponseSchema.safeParse(json).success).toBe(true);
  });

  it('GET /users/me without a session: anonymous user (zod: the spec types id as integer, Zendesk sends null)', async () => {
    const res = await fetch(`${replica.url}/api/v2/users/me`);
    const json = (await res.json()) as { user: { id: unknown; role: string } };
    expect(res.status).toBe(200);
    expect(json.user.id).toBeNull();
    expect(json.user.role).toBe('end-user');
    expect(userMeResponseSchema.safeParse(json).success).toBe(true);
  });

  it('GET /tickets/{id} without include matches TicketResponse and has no slas key', async () => {
    for (const id of replica.store.liveTickets().map((t) => t.id)) {
      const { status, json } = await call('GET', `/api/v2/tickets/${id}`);
      expect(status).toBe(200);
      expectValid(spec.response('/api/v2/tickets/{ticket_id}', 'get', '200'), json);
      expect(json).not.toHaveProperty('ticket.slas');
    }
  });

  it('GET /tickets/{id}?include=slas,metric_sets matches TicketResponse; the sideloads (not in the spec) parse with the extension zod schemas', async () => {
    for (const t of replica.store.liveTickets()) {
      const { json } = await call('GET', `/api/v2/tickets/${t.id}?include=slas,metric_sets`);
      expectValid(spec.response('/api/v2/tickets/{ticket_id}', 'get', '200'), json);
      const parsed = showTicketResponseSchema.safeParse(json);
      expect(parsed.success, `ticket ${t.id}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data?.ticket.slas).toBeDefined();
      expect(parsed.data?.metric_sets).toHaveLength(1);
    }
  });

  it('GET /tickets/show_many matches TicketsResponse; slas + metric_sets parse with zod', async () => {
    const ids = replica.store.liveTickets().map((t) => t.id).join(',');
    const { json } = await call('GET', `/api/v2/tickets/show_many?ids=${ids}&include=slas,metric_sets`);
    expectValid(spec.response('/api/v2/tickets/show_many', 'get', '200'), json);
    expect(showManyResponseSchema.safeParse(json).success).toBe(true);
  });

  it('GET /search matches SearchResponse; every ticket result matches TicketObject and its slas parse with zod', async () => {
    const { json } = await call('GET', `/api/v2/search?query=${encodeURIComponent('type:ticket status<solved')}&include=tickets(slas)&per_page=100`);
    expectValid(spec.response('/api/v2/search', 'get', '200'), json);
    expect(searchTicketsResponseSchema.safeParse(json).success).toBe(true);
    const ticketObject = spec.component('TicketObject');
    for (const r of (json as { results: unknown[] }).results) {
      expect(ticketObject(r), errorsText(ticketObject)).toBe(true);
      expect(ticketSchema.safeParse(r).success).toBe(true);
    }
  });

  it('GET /views/{id}/tickets (cursor) matches TicketsResponse with meta/links shaped like the zenpy capture', async () => {
    const { json } = await call('GET', `/api/v2/views/${SEED.viewAllUnsolved}/tickets?page[size]=30`);
    expectValid(spec.response('/api/v2/views/{view_id}/tickets', 'get', '200'), json);
    const real = fixture('zenpy__GET_views_id_tickets_cursor_page_size1.json');
    const page = json as Record<string, Record<string, unknown>>;
    expect(Object.keys(page['meta'] ?? {}).sort()).toEqual(Object.keys(real['meta'] as object).sort());
    expect(Object.keys(page['links'] ?? {}).sort()).toEqual(Object.keys(real['links'] as object).sort());
  });

  it('GET /views and /views/{id} match ViewsResponse and ViewResponse', async () => {
    expectValid(spec.response('/api/v2/views', 'get', '200'), (await call('GET', '/api/v2/views')).json);
    expectValid(spec.response('/api/v2/views/{view_id}', 'get', '200'), (await call('GET', `/api/v2/views/${SEED.viewMine}`)).json);
  });

  it('GET /tickets/{id}/comments matches TicketCommentsResponse', async () => {
    for (const id of [SEED.ticketHostileSubject, SEED.ticketMultiMetric, SEED.ticketRtl]) {
      expectValid(spec.response('/api/v2/tickets/{ticket_id}/comments', 'get', '200'), (await call('GET', `/api/v2/tickets/${id}/comments`)).json);
    }
  });

  it('PUT /tickets/{id} matches TicketUpdateResponse', async () => {
    const { status, json } = await call('PUT', `/api/v2/tickets/${SEED.ticketDue45m}`, {
      ticket: { comment: { body: 'Internal: checking the runner docs.', public: false }, priority: 'high', status: 'open' },
    });
    expect(status).toBe(200);
    expectValid(spec.response('/api/v2/tickets/{ticket_id}', 'put', '200'), json);
  });

  it('tags: PUT (200) and POST (201) match TagsByObjectIdResponse, DELETE answers 204 as the spec models it', async () => {
    const put = await call('PUT', `/api/v2/tickets/${SEED.ticketDue2d}/tags`, { tags: ['sla_watch'] });
    expect(put.status).toBe(200);
    expectValid(spec.response('/api/v2/tickets/{ticket_id}/tags', 'put', '200'), put.json);
    const post = await call('POST', `/api/v2/tickets/${SEED.ticketDue2d}/tags`, { tags: ['a', 'b'] });
    expect(post.status).toBe(201);
    expectValid(spec.response('/api/v2/tickets/{ticket_id}/tags', 'post', '201'), post.json);
    const del = await call('DELETE', `/api/v2/tickets/${SEED.ticketDue2d}/tags`, { tags: ['a'] });
    expect(del.status).toBe(204);
    expect(del.json).toBeNull();
  });

  it('GET /business_hours/schedules/{id} (not in the spec) parses with the extension zod schema', async () => {
    for (const id of [SEED.scheduleGlobal, SEED.scheduleEmea, SEED.scheduleApac]) {
      const { status, json } = await call('GET', `/api/v2/business_hours/schedules/${id}`);
      expect(status).toBe(200);
      expect(scheduleResponseSchema.safeParse(json).success).toBe(true);
    }
  });

  it('errors use the documented {error, description} format (the spec gives it in prose only)', async () => {
    expectZendeskError((await call('GET', `/api/v2/tickets/${SEED.ticketUnknown}`)).json, 'RecordNotFound');
    expectZendeskError((await call('GET', `/api/v2/tickets/${SEED.ticketDeleted}`)).json, 'RecordNotFound');
    expectZendeskError((await call('GET', '/api/v2/search?query=status:open&page=11&per_page=100')).json, 'InsufficientResourceError');
    expectZendeskError((await call('PUT', `/api/v2/tickets/${SEED.ticketDue12m}`, { ticket: { safe_update: true, updated_stamp: '2000-01-01T00:00:00Z' } })).json, 'UpdateConflict');
    const anon = await fetch(`${replica.url}/api/v2/tickets/${SEED.ticketDue12m}`);
    expectZendeskError(await anon.json(), "Couldn't authenticate you");
  });
});
