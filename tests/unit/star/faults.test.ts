/**
 * The STAR's Zendesk write under every fault of docs/faults.md, against the in-process replica (real HTTP, real
 * CSRF and safe_update), one row per fault: the reads before the STAR (the dialog's), the CSRF-token read, and
 * the PUT that adds the note and the tag, faulted separately. Each row checks what the agent is told, that
 * nothing throws, that no note or tag is written twice (the replica's store and request log), and that once the
 * fault is gone a Retry (or, when nothing was stored, asking again) ends with exactly one note and one tag, the
 * ticket's other tags kept, and the form and Slack steps not repeated.
 *
 * The rows where the answer to the PUT is lost after it landed (`hangAfterApply`, offline after sending, the
 * worker killed mid-PUT) are the ones that matter most: the retry must find the tag and write nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SEED, defaultFaults, startReplica, type FaultRule, type Replica } from '@/replica/server';
import { handleStarMessage, type StarDeps } from '@/lib/background/star';
import { STAR_CHECK, STAR_REQUEST, STAR_RETRY, type StarCheckResponse, type StarRequestResponse } from '@/lib/messaging';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { DEFAULT_ESCALATION_SETTINGS, starRecordsItem, type EscalationSettings } from '@/lib/storage';
import type { StarForm } from '@/lib/star/types';

let replica: Replica;
let cookie: string;
const TUESDAY = Date.parse('2026-11-24T18:00:00Z');
const ID = SEED.ticketStarEligible;
const TICKET = `/api/v2/tickets/${ID}`;
const TAG = 'star_requested';
const form: StarForm = { urgency: 'medium', reason: 'Breached', desiredResult: 'An engineer today', plan: 'Premium', group: '' };
/** Short, so the hanging rows take a second each, yet far above a local answer on a busy machine (the worker's default is 20 s, 5 s in the e2e build). */
const TIMEOUT_MS = 1_000;

beforeAll(async () => {
  replica = await startReplica();
  cookie = `${replica.sessionCookie.name}=${replica.sessionCookie.value}`;
});
afterAll(() => replica.close());

type Wrap = (url: string, init: RequestInit | undefined, real: typeof fetch) => Promise<Response>;
/** The worker's fetch: with the agent's session cookie unless `signedOut`; `wrap` stands in for the network. */
const workerFetch = (wrap?: Wrap, signedOut = false): typeof fetch => {
  const real: typeof fetch = (input, init) => fetch(input, signedOut ? init : { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  return ((input: RequestInfo | URL, init?: RequestInit) => (wrap ? wrap(String(input), init, real) : real(input, init))) as typeof fetch;
};
const isPut = (init: RequestInit | undefined) => init?.method === 'PUT';
const offline = () => Promise.reject(new TypeError('Failed to fetch'));

let opened: string[];
const settings: EscalationSettings = {
  ...DEFAULT_ESCALATION_SETTINGS,
  starTag: TAG,
  slackWebhookUrl: '',
  formUrlTemplate: 'https://forms.example/star?ticket={ticket_id}',
};
const depsWith = (fetchFor: typeof fetch): StarDeps => ({
  fetchFor: () => fetchFor,
  now: () => replica.clock.now(),
  calendar: gitlabCalendar('global'),
  agentZone: 'UTC',
  records: starRecordsItem,
  settings: async () => ({ ...settings, slackWebhookUrl: `${replica.url}/__replica/slack` }),
  openTab: async (url) => void opened.push(url),
  hasHostPermission: async () => true,
  slackFetch: fetch,
  timeoutMs: TIMEOUT_MS,
});

beforeEach(() => {
  fakeBrowser.reset();
  replica.reset();
  replica.clock.set(TUESDAY);
  replica.store.reseed();
  opened = [];
});

const send = <T>(message: unknown, fetchFor = workerFetch()) => handleStarMessage(message, replica.url, depsWith(fetchFor)) as Promise<T>;
const request = (fetchFor?: typeof fetch) => send<StarRequestResponse>({ type: STAR_REQUEST, ticketId: ID, form, ticked: [] }, fetchFor);
const retry = () => send<StarRequestResponse>({ type: STAR_RETRY, ticketId: ID });
const check = () => send<StarCheckResponse>({ type: STAR_CHECK, ticketId: ID });
/** PUTs that reached the replica and were carried out (a hung one is logged with the status it would have had). */
const landedPuts = () => replica.requests.filter((r) => r.method === 'PUT' && r.path === TICKET && r.status === 200);
const notes = () => replica.store.commentsOf(ID).filter((c) => !c.public && c.body.startsWith('STAR requested'));
const tags = () => replica.store.ticket(ID)!.tags;
const clearFaults = () => {
  Object.assign(replica.faults, defaultFaults());
  delete replica.faults.rules;
};

interface FaultRow {
  name: string;
  /** Replica rules (per path and method), or a fetch standing in for the network; `signedOut` drops the cookie. */
  rules?: FaultRule[];
  wrap?: Wrap;
  signedOut?: boolean;
  /**
   * 'refused': the reads fail, nothing is stored, the agent is told why (and asks again later).
   * 'failed': the STAR is stored, its Zendesk step fails with the message; Retry runs it again.
   * 'done': the fault does not stop the write (e.g. an unreadable answer to a PUT that succeeded).
   */
  outcome: 'refused' | 'failed' | 'done';
  message?: RegExp;
  /** Notes that landed despite the fault (the PUT carried out, its answer lost). */
  landed: 0 | 1;
  /** Zendesk's Retry-After on the failed step: a Retry before it sends nothing. */
  retryAfterSeconds?: number;
}

const reads = (fault: Omit<FaultRule, 'match' | 'method'>): FaultRule[] => [{ match: TICKET, method: 'GET', ...fault }];
const put = (fault: Omit<FaultRule, 'match' | 'method'>): FaultRule[] => [{ match: TICKET, method: 'PUT', ...fault }];

const FAULTS: FaultRow[] = [
  { name: 'signed out (401) on the reads', signedOut: true, outcome: 'refused', message: /signed out \(401\) while reading the ticket: sign in to Zendesk again/, landed: 0 },
  { name: 'signed out (401) on the PUT', rules: put({ status: 401 }), outcome: 'failed', message: /signed out \(401\) while adding the internal note: sign in to Zendesk again, then Retry/, landed: 0 },
  { name: 'forbidden (403) on the reads', rules: reads({ status: 403 }), outcome: 'refused', message: /refused \(403\) reading the ticket: your role may not allow it\. Ask a Zendesk admin/, landed: 0 },
  { name: 'forbidden (403) on the PUT', rules: put({ status: 403 }), outcome: 'failed', message: /refused \(403\) adding the internal note: your role may not allow it/, landed: 0 },
  { name: 'ticket deleted (404) on the reads', rules: reads({ status: 404 }), outcome: 'refused', message: /could not find the ticket \(404\) while reading the ticket: it may have been deleted/, landed: 0 },
  { name: 'ticket deleted (404) on the PUT', rules: put({ status: 404 }), outcome: 'failed', message: /could not find the ticket \(404\) while adding the internal note/, landed: 0 },
  { name: 'rate limited (429, Retry-After 30) on the reads', rules: reads({ status: 429, retryAfterSeconds: 30 }), outcome: 'refused', message: /rate limit was reached \(429\) while reading the ticket: wait 30 s, then Retry/, landed: 0 },
  { name: 'rate limited (429, Retry-After 30) on the PUT', rules: put({ status: 429, retryAfterSeconds: 30 }), outcome: 'failed', message: /rate limit was reached \(429\) while adding the internal note: wait 30 s, then Retry/, landed: 0, retryAfterSeconds: 30 },
  { name: 'CSRF-token read rate limited (429, Retry-After 7)', rules: [{ match: '/api/v2/users/me', status: 429, retryAfterSeconds: 7 }], outcome: 'failed', message: /429\) while getting the CSRF token: wait 7 s/, landed: 0, retryAfterSeconds: 7 },
  ...[500, 502, 503].flatMap((status): FaultRow[] => [
    { name: `server error (${status}) on the reads`, rules: reads({ status }), outcome: 'refused', message: new RegExp(`error \\(${status}\\) while reading the ticket: Retry in a moment`), landed: 0 },
    // The replica's 503 carries a Retry-After (10 s), as Zendesk's maintenance answers may.
    { name: `server error (${status}) on the PUT`, rules: put({ status }), outcome: 'failed', message: new RegExp(`error \\(${status}\\) while adding the internal note: Retry in a moment`), landed: 0, ...(status === 503 ? { retryAfterSeconds: 10 } : {}) },
  ]),
  { name: 'reads that never answer', rules: reads({ hang: true }), outcome: 'refused', message: /did not answer in time while reading the ticket/, landed: 0 },
  { name: 'a PUT that never answers (not carried out)', rules: put({ hang: true }), outcome: 'failed', message: /did not answer in time while adding the internal note: it may have been added\. Retry checks the ticket first/, landed: 0 },
  { name: 'a PUT carried out whose answer never comes (hangAfterApply)', rules: put({ hangAfterApply: true }), outcome: 'failed', message: /did not answer in time while adding the internal note: it may have been added/, landed: 1 },
  { name: 'malformed JSON on the reads', rules: reads({ malformed: true }), outcome: 'refused', message: /unreadable answer \(not valid JSON\) while reading the ticket/, landed: 0 },
  { name: 'malformed JSON in the answer to a PUT that succeeded', rules: put({ malformed: true }), outcome: 'done', landed: 1 },
  { name: 'schema drift: wrong types on the reads', rules: reads({ drift: 'types' }), outcome: 'refused', message: /not in the expected shape while reading the ticket/, landed: 0 },
  // Drift that leaves out the optional tag list: a PUT would replace the ticket's tags with the STAR tag alone.
  { name: 'schema drift: the tag list left out of the ticket', rules: reads({ drift: true }), outcome: 'failed', message: /no tag list, so whether the note was added cannot be checked\. Nothing was written/, landed: 0 },
  { name: 'offline (every request rejects)', wrap: offline, outcome: 'refused', message: /could not be reached while reading the ticket \(offline\?\)/, landed: 0 },
  { name: 'offline before the PUT was sent', wrap: (url, init, real) => (isPut(init) ? offline() : real(url, init)), outcome: 'failed', message: /could not be reached while adding the internal note \(offline\?\): it may have been added\. Retry once you are online/, landed: 0 },
  {
    name: 'offline after the PUT was sent (it landed, the answer is lost)',
    wrap: async (url, init, real) => {
      const res = await real(url, init);
      return isPut(init) ? offline() : res;
    },
    outcome: 'failed',
    message: /could not be reached while adding the internal note \(offline\?\): it may have been added/,
    landed: 1,
  },
];

describe('the STAR write under each fault', () => {
  it.each(FAULTS)('$name: says what went wrong, writes at most once, and a retry ends with one note and one tag', async (row) => {
    replica.faults.rules = row.rules;
    const first = await request(workerFetch(row.wrap, row.signedOut));

    if (row.outcome === 'refused') {
      expect(first).toEqual({ ok: false, message: expect.stringMatching(row.message!) });
      expect(await starRecordsItem.get()).toEqual({});
    } else {
      expect(first).toMatchObject({ ok: true, created: true });
      if (!first.ok) return;
      const zendesk = first.record.steps.zendesk;
      if (row.outcome === 'done') expect(zendesk.status).toBe('done');
      else expect(zendesk).toMatchObject({ status: 'failed', message: expect.stringMatching(row.message!) });
      // The other steps ran once, whatever became of the note.
      expect(first.record.steps.form.status).toBe('done');
      expect(first.record.steps.slack.status).toBe('done');
    }
    expect(notes()).toHaveLength(row.landed);
    expect(landedPuts()).toHaveLength(row.landed);

    clearFaults();
    if (row.retryAfterSeconds) {
      // The replica's clock runs on in real time: the step failed a few milliseconds ago.
      const retryAt = first.ok ? first.record.steps.zendesk.retryAt! : NaN;
      expect(replica.clock.now() + row.retryAfterSeconds * 1000 - retryAt).toBeGreaterThanOrEqual(0);
      expect(replica.clock.now() + row.retryAfterSeconds * 1000 - retryAt).toBeLessThan(1000);
      // A second early: the step stays failed as it was, and not one request goes to Zendesk for it.
      replica.clock.set(retryAt - 1000);
      const sent = replica.requests.length;
      const early = await retry();
      expect(early.ok && early.record.steps.zendesk).toMatchObject({ status: 'failed', message: expect.stringMatching(row.message!) });
      expect(replica.requests.length).toBe(sent);
      replica.clock.set(retryAt);
    }
    const again = row.outcome === 'refused' ? await request() : await retry();
    expect(again).toMatchObject({ ok: true, created: row.outcome === 'refused' });
    if (again.ok) expect(again.record.steps.zendesk).toMatchObject({ status: 'done' });
    if (again.ok && row.landed && row.outcome === 'failed') expect(again.record.steps.zendesk).toMatchObject({ message: expect.stringContaining('no second note was added') });
    expect(notes()).toHaveLength(1);
    expect(landedPuts()).toHaveLength(1);
    expect(tags().filter((t) => t === TAG)).toHaveLength(1);
    expect(tags()).toEqual(expect.arrayContaining(['self_managed', 'premium']));
    expect(opened).toHaveLength(1);
    expect(replica.slackMessages).toHaveLength(1);
  });

  it('a worker killed mid-PUT after it landed: the next dialog confirms the step from the tag, writes nothing', async () => {
    // The killed worker's PUT was carried out; the record it left says "running" (stored before the step ran).
    replica.faults.rules = put({ hangAfterApply: true });
    await request();
    const key = `${replica.url}|${ID}`;
    await starRecordsItem.update((all) => ({ ...all, [key]: { ...all[key]!, steps: { ...all[key]!.steps, zendesk: { status: 'running' } } } }));
    clearFaults();
    const opening = await check();
    expect(opening.ok && opening.record?.steps.zendesk).toMatchObject({ status: 'done', message: expect.stringContaining('confirmed after an interruption') });
    expect((await retry()).ok).toBe(true);
    expect(notes()).toHaveLength(1);
    expect(landedPuts()).toHaveLength(1);
  });

  it('a worker killed mid-PUT, then signed out: the step stays failed with both reasons, and a retry after sign-in writes once', async () => {
    replica.faults.rules = put({ hang: true });
    await request();
    const key = `${replica.url}|${ID}`;
    await starRecordsItem.update((all) => ({ ...all, [key]: { ...all[key]!, steps: { ...all[key]!.steps, zendesk: { status: 'running' } } } }));
    clearFaults();
    const opening = await send<StarCheckResponse>({ type: STAR_CHECK, ticketId: ID }, workerFetch(undefined, true));
    expect(opening).toEqual({ ok: false, message: expect.stringContaining('signed out (401)') });
    const record = (await starRecordsItem.get())[key]!;
    expect(record.steps.zendesk).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Interrupted, and Zendesk says you are signed out \(401\).*Retry checks the ticket before adding anything\.$/) });
    const retried = await retry();
    expect(retried.ok && retried.record.steps.zendesk.status).toBe('done');
    expect(notes()).toHaveLength(1);
    expect(landedPuts()).toHaveLength(1);
  });

  it('a Slack post that never answers: given up, the other steps done, every later STAR message still answered; Retry posts once', async () => {
    replica.faults.slackHang = true;
    const first = await request();
    expect(first.ok && first.record.steps).toMatchObject({
      zendesk: { status: 'done' },
      form: { status: 'done' },
      slack: { status: 'failed', message: 'Slack did not answer in time: the message may have been posted. Check the channel, then Retry.' },
    });
    // Before the timeout, the hung post held the worker's STAR lock: this check would never have answered.
    expect((await check()).ok).toBe(true);
    replica.faults.slackHang = false;
    const retried = await retry();
    expect(retried.ok && retried.record.steps.slack.status).toBe('done');
    expect(replica.slackMessages).toHaveLength(1);
    expect(notes()).toHaveLength(1);
    expect(landedPuts()).toHaveLength(1);
  });

  it.each([
    ['10 minutes ahead', 600_000],
    ['10 minutes behind', -600_000],
    ['on Saturday, outside support hours', Date.parse('2026-11-28T18:00:00Z') - TUESDAY],
  ])('decides and stamps the STAR by Zendesk\'s clock (its Date header) when the local clock is %s', async (_, skew) => {
    const local = { ...depsWith(workerFetch()), now: () => replica.clock.now() + skew };
    const r = (await handleStarMessage({ type: STAR_REQUEST, ticketId: ID, form, ticked: [] }, replica.url, local)) as StarRequestResponse;
    expect(r.ok && r.record.steps.zendesk.status).toBe('done');
    expect(r.ok && r.record.requestedAt).toBe(TUESDAY);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]!.body).toContain('at 2026-11-24 18:00 UTC');
  });

  it('a PUT whose answer never came and which lands late: the retry meets a safe_update conflict, finds the tag, writes nothing more', async () => {
    // The first PUT is held without being carried out; it lands between the retry's read and the retry's PUT.
    let held: (() => Promise<void>) | null = null;
    const late = workerFetch(async (url, init, real) => {
      if (isPut(init) && held === null) {
        held = async () => void (await real(url, { ...init, signal: null }));
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      if (isPut(init) && held) await held();
      return real(url, init);
    });
    const first = await request(late);
    expect(first.ok && first.record.steps.zendesk).toMatchObject({ status: 'failed', message: expect.stringContaining('did not answer in time') });
    expect(notes()).toHaveLength(0);
    const retried = await send<StarRequestResponse>({ type: STAR_RETRY, ticketId: ID }, late);
    expect(retried.ok && retried.record.steps.zendesk).toMatchObject({ status: 'done', message: expect.stringContaining('no second note was added') });
    expect(replica.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([200, 409]);
    expect(notes()).toHaveLength(1);
  });
});
