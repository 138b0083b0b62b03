/**
 * The worker's STAR handler against the in-process replica (real HTTP, real CSRF and safe_update): exactly once
 * under simultaneous requests, recovery after the worker was killed between steps, bounded conflict retries,
 * a stale CSRF token, the Slack permission check, and the keyboard shortcut's handler.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SEED, startReplica, type Replica } from '@/replica/server';
import { ESCALATION_COMMAND, SLACK_NOT_ALLOWED, handleEscalationCommand, handleStarMessage, type StarDeps } from '@/lib/background/star';
import { STAR_CHECK, STAR_REQUEST, STAR_RETRY, type StarCheckResponse, type StarRequestResponse } from '@/lib/messaging';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { DEFAULT_ESCALATION_SETTINGS, starRecordsItem, type EscalationSettings } from '@/lib/storage';
import type { StarForm } from '@/lib/star/types';

let replica: Replica;
let cookie: string;
const TUESDAY = Date.parse('2026-11-24T18:00:00Z');
const ID = SEED.ticketStarEligible;
const form: StarForm = { urgency: 'medium', reason: 'Breached', desiredResult: 'An engineer today', plan: 'Premium', group: '' };

beforeAll(async () => {
  replica = await startReplica();
  cookie = `${replica.sessionCookie.name}=${replica.sessionCookie.value}`;
});
afterAll(() => replica.close());

interface Harness {
  deps: StarDeps;
  opened: string[];
  settings: EscalationSettings;
  permitted: Set<string>;
}
let t: Harness;

/** The worker's fetch with the agent's session: the cookie header stands in for the browser's cookie jar. */
const sessionFetch = (wrap?: (url: string, init: RequestInit | undefined, real: typeof fetch) => Promise<Response>): typeof fetch => {
  const real: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  return ((input: RequestInfo | URL, init?: RequestInit) => (wrap ? wrap(String(input), init, real) : real(input, init))) as typeof fetch;
};

beforeEach(() => {
  fakeBrowser.reset();
  replica.reset();
  replica.clock.set(TUESDAY);
  replica.store.reseed();
  const opened: string[] = [];
  const permitted = new Set<string>([replica.url]);
  const settings: EscalationSettings = { ...DEFAULT_ESCALATION_SETTINGS, slackWebhookUrl: `${replica.url}/__replica/slack`, formUrlTemplate: 'https://forms.example/star?ticket={ticket_id}&urgency={urgency}' };
  t = {
    opened,
    settings,
    permitted,
    deps: {
      fetchFor: () => sessionFetch(),
      now: () => replica.clock.now(),
      calendar: gitlabCalendar('global'),
      agentZone: 'UTC',
      records: starRecordsItem,
      settings: async () => t.settings,
      openTab: async (url) => void opened.push(url),
      hasHostPermission: async (origin) => t.permitted.has(origin),
      slackFetch: fetch,
    },
  };
});

const origin = () => replica.url;
const request = (deps = t.deps) => handleStarMessage({ type: STAR_REQUEST, ticketId: ID, form, ticked: [] }, origin(), deps) as Promise<StarRequestResponse>;
const puts = () => replica.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ID}`);
const notes = () => replica.store.commentsOf(ID).filter((c) => !c.public && c.body.startsWith('STAR requested'));

describe('the STAR request in the worker', () => {
  it('runs once when two tabs ask at the same moment; the second gets the first STAR back', async () => {
    const [a, b] = await Promise.all([request(), request()]);
    expect(a).toMatchObject({ ok: true, created: true });
    expect(b).toMatchObject({ ok: true, created: false });
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.csrf).toBe(true);
    expect(notes()).toHaveLength(1);
    expect(t.opened).toEqual([`https://forms.example/star?ticket=${ID}&urgency=medium`]);
    expect(replica.slackMessages).toHaveLength(1);
    if (a.ok && b.ok) expect(b.record).toEqual(a.record);
    const check = (await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, origin(), t.deps)) as StarCheckResponse;
    expect(check.ok && check.record?.steps.zendesk.status).toBe('done');
    expect(check.ok && check.existingTag).toBe(true);
  });

  it('after the worker was killed mid-step: confirms the Zendesk step from the tag, never writes a second note', async () => {
    await request();
    // Rewind the record to "running", as a worker killed after its PUT landed (and mid Slack post) leaves it.
    const key = `${origin()}|${ID}`;
    await starRecordsItem.update((all) => ({ ...all, [key]: { ...all[key]!, steps: { ...all[key]!.steps, zendesk: { status: 'running' }, slack: { status: 'running' } } } }));
    const check = (await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, origin(), t.deps)) as StarCheckResponse;
    expect(check.ok && check.record?.steps.zendesk).toMatchObject({ status: 'done', message: expect.stringContaining('confirmed after an interruption') });
    expect(check.ok && check.record?.steps.slack).toMatchObject({ status: 'failed', message: expect.stringContaining('Interrupted while posting to Slack') });
    expect(puts()).toHaveLength(1);
    expect(notes()).toHaveLength(1);
  });

  it('after the worker was killed before its PUT landed: writes the note once on the next retry', async () => {
    const noPut = sessionFetch((url, init, real) => (init?.method === 'PUT' ? Promise.reject(new TypeError('killed')) : real(url, init)));
    const first = await request({ ...t.deps, fetchFor: () => noPut });
    expect(first.ok && first.record.steps.zendesk.status).toBe('failed');
    const key = `${origin()}|${ID}`;
    await starRecordsItem.update((all) => ({ ...all, [key]: { ...all[key]!, steps: { ...all[key]!.steps, zendesk: { status: 'running' } } } }));
    // Opening the dialog again finds the interruption: no tag, so the note did not land; Retry adds it.
    const check = (await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, origin(), t.deps)) as StarCheckResponse;
    expect(check.ok && check.record?.steps.zendesk).toMatchObject({ status: 'failed', message: 'Interrupted before the note was added: Retry adds it.' });
    expect(notes()).toHaveLength(0);
    const retried = (await handleStarMessage({ type: STAR_RETRY, ticketId: ID }, origin(), t.deps)) as StarRequestResponse;
    expect(retried.ok && retried.record.steps.zendesk.status).toBe('done');
    expect(puts().filter((r) => r.status === 200)).toHaveLength(1);
    expect(notes()).toHaveLength(1);
    // The form and Slack steps had already run: the retry did not repeat them.
    expect(t.opened).toHaveLength(1);
    expect(replica.slackMessages).toHaveLength(1);
  });

  it('gives up after three conflicting edits in a row, overwriting nothing', async () => {
    const conflicting = sessionFetch((url, init, real) =>
      init?.method === 'PUT' ? Promise.resolve(new Response(JSON.stringify({ error: 'UpdateConflict' }), { status: 409 })) : real(url, init),
    );
    const r = await request({ ...t.deps, fetchFor: () => conflicting });
    expect(r.ok && r.record.steps.zendesk).toMatchObject({ status: 'failed', message: expect.stringContaining('3 conflicting edits in a row') });
    expect(notes()).toHaveLength(0);
    // Retry repeats only the failed step.
    const retried = (await handleStarMessage({ type: STAR_RETRY, ticketId: ID }, origin(), t.deps)) as StarRequestResponse;
    expect(retried.ok && retried.record.steps.zendesk.status).toBe('done');
    expect(notes()).toHaveLength(1);
    expect(t.opened).toHaveLength(1);
    expect(replica.slackMessages).toHaveLength(1);
  });

  it('fetches a new CSRF token once when Zendesk says the first one is invalid', async () => {
    // Every token handed out before the first write is stale (a session renewed meanwhile).
    let wrote = false;
    const staleFirst = sessionFetch(async (url, init, real) => {
      const res = await real(url, init);
      if (init?.method === 'PUT') wrote = true;
      if (!url.endsWith('/api/v2/users/me') || wrote) return res;
      const body = (await res.json()) as { user: Record<string, unknown> };
      return new Response(JSON.stringify({ user: { ...body.user, authenticity_token: 'stale' } }), { status: 200 });
    });
    const r = await request({ ...t.deps, fetchFor: () => staleFirst });
    expect(r.ok && r.record.steps.zendesk.status).toBe('done');
    expect(puts().map((p) => [p.status, p.csrf])).toEqual([[403, false], [200, true]]);
  });

  it('fails the Slack step alone when the webhook origin is not allowed yet', async () => {
    t.permitted.delete(replica.url);
    const r = await request();
    expect(r.ok && r.record.steps).toMatchObject({ zendesk: { status: 'done' }, form: { status: 'done' }, slack: { status: 'failed', message: SLACK_NOT_ALLOWED } });
    expect(replica.slackMessages).toHaveLength(0);
    const check = (await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, origin(), t.deps)) as StarCheckResponse;
    expect(check.ok && check.actions.problems.slack).toBe(SLACK_NOT_ALLOWED);
  });

  it('refuses outside support hours with the reason, writing nothing', async () => {
    replica.clock.set(Date.parse('2026-11-28T20:00:00Z'));
    replica.store.reseed();
    const r = await request();
    expect(r).toEqual({ ok: false, message: expect.stringContaining('Outside GitLab Global Support Hours') });
    expect(puts()).toHaveLength(0);
    expect(await starRecordsItem.get()).toEqual({});
  });

  it('refuses a ticket that already carries the STAR tag from elsewhere', async () => {
    replica.store.setTags(replica.store.ticket(ID)!, ['star_requested']);
    const r = await request();
    expect(r).toEqual({ ok: false, message: expect.stringContaining('already has the tag star_requested') });
    expect(puts()).toHaveLength(0);
  });

  it('rejects malformed messages and pages it does not know', async () => {
    expect(await handleStarMessage({ type: STAR_REQUEST, ticketId: -1, form, ticked: [] }, origin(), t.deps)).toMatchObject({ ok: false });
    expect(await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, null, t.deps)).toMatchObject({ ok: false });
    expect(await handleStarMessage({ type: STAR_CHECK, ticketId: ID }, 'chrome-extension://abcdef', t.deps)).toMatchObject({ ok: false });
    expect(replica.requests).toHaveLength(0);
  });
});

describe('the escalation shortcut', () => {
  const tab = (url: string) => ({ id: 7, url });
  it('tells the active Zendesk ticket tab to open the dialog', async () => {
    const sent: unknown[] = [];
    const r = await handleEscalationCommand(ESCALATION_COMMAND, { activeTab: async () => tab('https://acme.zendesk.com/agent/tickets/151'), sendToTab: async (id, m) => void sent.push([id, m]) });
    expect(r).toBe('sent');
    expect(sent).toEqual([[7, { type: 'zso:open-escalation' }]]);
  });
  it('does nothing on other pages, for other commands, or when the tab has no escalation script', async () => {
    const fail = { sendToTab: async () => Promise.reject(new Error('Receiving end does not exist')) };
    expect(await handleEscalationCommand(ESCALATION_COMMAND, { activeTab: async () => tab('https://example.com/'), ...fail })).toBe('not-a-ticket');
    expect(await handleEscalationCommand('other', { activeTab: async () => tab('https://acme.zendesk.com/agent/tickets/1'), ...fail })).toBe('ignored');
    expect(await handleEscalationCommand(ESCALATION_COMMAND, { activeTab: async () => tab('https://acme.zendesk.com/agent/tickets/1'), ...fail })).toBe('no-script');
  });
});
