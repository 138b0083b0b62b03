/**
 * The replica endpoints the STAR reads (issue 5), against Zendesk's OpenAPI spec: List Audits for a Ticket and
 * Show Ticket Form; plus the Slack sink and the concurrent-edit fault the browser tests drive.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startReplica, type Replica } from '@/replica/server';
import { errorsText, loadSpec, type SpecValidators } from './openapi-schema';
import { signedInAgent, type Reply, type SignedInAgent } from './signed-in-agent';

const ZENDESK_FIXTURES = path.resolve(__dirname, '../fixtures/zendesk');
let spec: SpecValidators;
let replica: Replica;
let agent: SignedInAgent;

beforeAll(async () => {
  spec = loadSpec(path.join(ZENDESK_FIXTURES, 'openapi.yaml'), {});
  replica = await startReplica();
  agent = await signedInAgent(replica);
}, 20_000);
afterAll(() => replica.close());
afterEach(() => replica.reset());

const call = (method: string, p: string, body?: unknown): Promise<Reply> => agent.call(method, p, { body });

describe('the replica for the STAR', () => {
  it('lists a ticket\'s audits (TicketAuditsResponseNoneCursor), newest first on request, with the seeded priority change', async () => {
    const { status, json } = await call('GET', `/api/v2/tickets/${SEED.ticketStarEligible}/audits?sort_order=desc`);
    expect(status).toBe(200);
    const v = spec.response('/api/v2/tickets/{ticket_id}/audits', 'get', '200');
    expect(v(json), errorsText(v)).toBe(true);
    expect(json.audits[0].events).toEqual([expect.objectContaining({ type: 'Change', field_name: 'priority', previous_value: 'normal', value: 'high' })]);
  });

  it('records an update as an audit the list then shows', async () => {
    await call('PUT', `/api/v2/tickets/${SEED.ticketStarYoung}`, { ticket: { priority: 'urgent' } });
    const { json } = await call('GET', `/api/v2/tickets/${SEED.ticketStarYoung}/audits`);
    expect(json.audits.at(-1).events).toEqual([expect.objectContaining({ field_name: 'priority', previous_value: 'normal', value: 'urgent' })]);
  });

  it('carries out a PUT and never answers it (hangAfterApply), with a fault rule for PUTs alone', async () => {
    replica.faults.rules = [{ match: `/api/v2/tickets/${SEED.ticketStarYoung}`, method: 'PUT', hangAfterApply: true }];
    // The rule leaves the reads of the same path alone.
    expect((await call('GET', `/api/v2/tickets/${SEED.ticketStarYoung}`)).status).toBe(200);
    const controller = new AbortController();
    const pending = fetch(`${replica.url}/api/v2/tickets/${SEED.ticketStarYoung}`, {
      method: 'PUT',
      headers: { cookie: agent.cookie, 'X-CSRF-Token': agent.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket: { tags: ['landed'] } }),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await expect.poll(() => replica.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([200]);
    expect(replica.store.ticket(SEED.ticketStarYoung)!.tags).toEqual(['landed']);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('shows ticket forms (TicketFormResponse): the default one and the emergency form', async () => {
    const v = spec.response('/api/v2/ticket_forms/{ticket_form_id}', 'get', '200');
    const ticket = (await call('GET', `/api/v2/tickets/${SEED.ticketEmergencyForm}`)).json.ticket;
    const form = await call('GET', `/api/v2/ticket_forms/${ticket.ticket_form_id}`);
    expect(v(form.json), errorsText(v)).toBe(true);
    expect(form.json.ticket_form.name).toBe('Emergency');
    const other = (await call('GET', `/api/v2/tickets/${SEED.ticketStarEligible}`)).json.ticket;
    expect((await call('GET', `/api/v2/ticket_forms/${other.ticket_form_id}`)).json.ticket_form.name).not.toMatch(/emergenc/i);
    expect((await call('GET', '/api/v2/ticket_forms/1')).status).toBe(404);
  });

  it('makes the next safe_update stale once with another agent\'s tag, keeping both edits after a re-read', async () => {
    replica.faults.concurrentEditTag = 'edited_elsewhere';
    const t = (await call('GET', `/api/v2/tickets/${SEED.ticketStarEligible}`)).json.ticket;
    const stale = await call('PUT', `/api/v2/tickets/${t.id}`, { ticket: { tags: [...t.tags, 'mine'], safe_update: true, updated_stamp: t.updated_at } });
    expect(stale.status).toBe(409);
    const fresh = (await call('GET', `/api/v2/tickets/${t.id}`)).json.ticket;
    const ok = await call('PUT', `/api/v2/tickets/${t.id}`, { ticket: { tags: [...fresh.tags, 'mine'], safe_update: true, updated_stamp: fresh.updated_at } });
    expect(ok.status).toBe(200);
    expect(ok.json.ticket.tags).toEqual(expect.arrayContaining(['edited_elsewhere', 'mine', 'premium']));
  });

  it('accepts Slack webhook posts, or answers with Slack\'s error text when faulted', async () => {
    const post = () => fetch(`${replica.url}/__replica/slack`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"hi"}' });
    let res = await post();
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    replica.faults.slackStatus = 410;
    res = await post();
    expect([res.status, await res.text()]).toEqual([410, 'channel_is_archived']);
    expect(replica.slackMessages).toEqual([{ text: 'hi' }]);
  });
});
