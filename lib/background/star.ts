/**
 * The worker side of the one-click STAR (issue 5): it reads the ticket for the decision helper, and runs a
 * requested STAR's actions (internal note + tag in Zendesk, the team's STAR form, a Slack post) exactly once.
 *
 * Why the worker writes to Zendesk rather than the page: the worker's fetch carries the agent's session
 * (tests/e2e/worker-session.test.ts) and gets the CSRF token from `/users/me` with it, exactly as the page would;
 * but only the worker sees every tab. All STAR messages run one at a time here, and each action's outcome is
 * stored (`starRecordsItem`) before and after it runs, so two tabs clicking at the same moment, a double click,
 * or a worker killed between steps can never write a second note: the second request finds the record and
 * shows it, and a retry repeats only the steps that failed.
 *
 * The note and the tag go in ONE `PUT /api/v2/tickets/{id}` (atomic: both land or neither), with `tags` set to
 * the fresh ticket's tags plus ours and `safe_update: true` + `updated_stamp` from the same fresh read. `tags`
 * replaces the list (REFERENCE.md §1.5; `additional_tags` is documented for update_many only), which is safe
 * only because of safe_update: if anyone changed the ticket since our read, Zendesk answers 409 and we re-read
 * and try again (three times at most), so another agent's tag or edit is never overwritten.
 */
import * as z from 'zod/mini';
import {
  OPEN_ESCALATION,
  STAR_CHECK,
  STAR_REQUEST,
  STAR_RETRY,
  type StarActionsPlan,
  type StarCheckResponse,
  type StarRequestResponse,
} from '../messaging';
import type { BusinessCalendar } from '../sla/calendar';
import { assessStar, type StarFacts } from '../star/eligibility';
import { fillFormUrl, formProblems, slackPayload, starNote, type StarContext } from '../star/summary';
import { STAR_URGENCIES, starDecision, type StarAssessment, type StarForm, type StarRecordView, type StepName, type StepState } from '../star/types';
import type { EscalationSettings, StarRecord, StarRecords, ValidatedItem } from '../storage';
import { retryAfterSeconds } from '../zendesk/api';
import { fetchRaw, type RawResponse } from '../zendesk/http';
import { TICKET_PRIORITIES, ticketSchema } from '../zendesk/schemas';

export interface StarDeps {
  /** The instance's fetch (the agent's session, or its API token), as the poller uses. */
  fetchFor(origin: string): typeof fetch;
  now(): number;
  calendar: BusinessCalendar;
  /** The agent's own zone, for "opens at" in their time. */
  agentZone: string;
  records: ValidatedItem<StarRecords>;
  settings(): Promise<EscalationSettings>;
  openTab(url: string): Promise<void>;
  /** `browser.permissions.contains` for an origin's host access. */
  hasHostPermission(origin: string): Promise<boolean>;
  /** The worker's plain fetch, for the Slack webhook: never the instance's, so no Zendesk token goes to Slack. */
  slackFetch: typeof fetch;
  /** How long a Zendesk request may take before it is given up (default 20 s, 5 s in the e2e build). */
  timeoutMs?: number;
}

export const SLACK_NOT_ALLOWED = 'Slack is not allowed yet: open the options page and save the webhook to grant access';
const MAX_SAFE_UPDATE_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = import.meta.env?.MODE === 'e2e' ? 5_000 : 20_000;

// ---------------------------------------------------------------------------------------------------------------
// Messages (validated: a content script is less trusted than the worker).

const ticketIdSchema = z.number().check(z.int(), z.positive());
const formSchema = z.object({
  urgency: z.enum(STAR_URGENCIES),
  reason: z.string(),
  desiredResult: z.string(),
  plan: z.string(),
  group: z.string(),
});
const checkSchema = z.object({ type: z.literal(STAR_CHECK), ticketId: ticketIdSchema });
const requestSchema = z.object({
  type: z.literal(STAR_REQUEST),
  ticketId: ticketIdSchema,
  form: formSchema,
  ticked: z.array(z.enum(['stalled', 'dissatisfaction', 'oversight'])),
});
const retrySchema = z.object({ type: z.literal(STAR_RETRY), ticketId: ticketIdSchema });

export function isStarMessage(message: unknown): boolean {
  if (typeof message !== 'object' || message === null || !('type' in message)) return false;
  return message.type === STAR_CHECK || message.type === STAR_REQUEST || message.type === STAR_RETRY;
}

// One STAR operation at a time, across every tab: the second of two simultaneous clicks waits, then finds the
// first one's record. (The worker is single-threaded, so this chain is the whole lock; the stored record is
// what survives the worker being killed.)
let chain: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}

export function handleStarMessage(message: unknown, origin: string | null, deps: StarDeps): Promise<StarCheckResponse | StarRequestResponse> {
  // Only a Zendesk page's content script has an http(s) origin; extension pages have none to escalate from.
  if (!origin || !/^https?:\/\/[^/]+$/.test(origin)) return Promise.resolve({ ok: false, message: 'This page is not a Zendesk page the extension knows.' });
  const check = checkSchema.safeParse(message);
  if (check.success) return serialised(() => checkStar(origin, check.data.ticketId, deps));
  const request = requestSchema.safeParse(message);
  if (request.success) return serialised(() => requestStar(origin, request.data, deps));
  const retry = retrySchema.safeParse(message);
  if (retry.success) return serialised(() => retryStar(origin, retry.data.ticketId, deps));
  return Promise.resolve({ ok: false, message: 'The escalation dialog sent a message the worker does not understand: reload the page.' });
}

const recordKey = (origin: string, ticketId: number): string => `${origin}|${ticketId}`;

export function recordView(r: StarRecord): StarRecordView {
  return { ticketId: r.ticketId, requestedAt: r.requestedAt, form: r.form, tag: r.tag, steps: r.steps };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading Zendesk.

/** A failure's `retryAfterMs`: Zendesk's `Retry-After` (429, 503), so a Retry is not offered before it passes. */
type Got<T> = { ok: true; data: T; date: number | null } | { ok: false; status: number; message: string; code?: string; retryAfterMs?: number };

/** Status 0: no answer (offline, refused); -1: no answer in time. */
const NO_ANSWER = 0;
const TIMED_OUT = -1;

/** `Retry-After` (the API client's reading of it) in milliseconds; undefined when absent, zero or a date. */
function retryAfterMs(header: string | null): number | undefined {
  const seconds = retryAfterSeconds(header);
  return seconds === null ? undefined : seconds * 1000;
}

function httpMessage(status: number, what: string, retryAfter?: string | null): string {
  if (status === 401) return `Zendesk says you are signed out (401) while ${what}: sign in to Zendesk again, then Retry.`;
  if (status === 403) return `Zendesk refused (403) ${what}: your role may not allow it. Ask a Zendesk admin, then Retry.`;
  if (status === 404) return `Zendesk could not find the ticket (404) while ${what}: it may have been deleted or hidden from you.`;
  if (status === 422) return `Zendesk rejected the update (422) while ${what}.`;
  if (status === 429) {
    const wait = retryAfterMs(retryAfter ?? null);
    return `Zendesk's rate limit was reached (429) while ${what}: wait ${wait ? `${wait / 1000} s` : 'a minute'}, then Retry.`;
  }
  if (status === NO_ANSWER) return `Zendesk could not be reached while ${what} (offline?): Retry once you are online.`;
  if (status === TIMED_OUT) return `Zendesk did not answer in time while ${what}: Retry in a moment.`;
  return `Zendesk answered with an error (${status}) while ${what}: Retry in a moment.`;
}

type Sent = { ok: true; raw: RawResponse } | { ok: false; status: typeof NO_ANSWER | typeof TIMED_OUT };

/**
 * A request through the API client's `fetchRaw` (a GET with the session by default): given up after the timeout,
 * body included, so a hung answer cannot hold the STAR lock. Never throws.
 */
async function send(f: typeof fetch, url: string, init: RequestInit | undefined, timeoutMs: number): Promise<Sent> {
  const got = await fetchRaw(f, url, { timeoutMs, init });
  return got.ok ? got : { ok: false, status: got.error.kind === 'timeout' ? TIMED_OUT : NO_ANSWER };
}

const succeeded = (raw: RawResponse): boolean => raw.status >= 200 && raw.status < 300;

function parseJson(text: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function getJson<S extends z.ZodMiniType>(f: typeof fetch, url: string, schema: S, what: string, timeoutMs: number): Promise<Got<z.infer<S>>> {
  const sent = await send(f, url, undefined, timeoutMs);
  if (!sent.ok) return { ok: false, status: sent.status, message: httpMessage(sent.status, what) };
  const { raw } = sent;
  if (!succeeded(raw)) {
    const wait = retryAfterMs(raw.retryAfter);
    return { ok: false, status: raw.status, message: httpMessage(raw.status, what, raw.retryAfter), ...(wait ? { retryAfterMs: wait } : {}) };
  }
  const body = parseJson(raw.body);
  if (!body.ok) return { ok: false, status: raw.status, message: `Zendesk sent an unreadable answer (not valid JSON) while ${what}: Retry in a moment.` };
  const parsed = schema.safeParse(body.json);
  if (!parsed.success) return { ok: false, status: raw.status, message: `Zendesk's answer was not in the expected shape while ${what}: Retry later; if it keeps failing, Zendesk's API may have changed.` };
  const date = raw.date ? Date.parse(raw.date) : NaN;
  return { ok: true, data: parsed.data, date: Number.isNaN(date) ? null : date };
}

const showTicketSchema = z.object({ ticket: ticketSchema });
const commentsSchema = z.object({
  comments: z.array(z.object({ author_id: z.number(), public: z.boolean(), created_at: z.string() })),
});
const auditsSchema = z.object({
  audits: z.array(
    z.object({
      created_at: z.string(),
      events: z.array(
        z.object({
          type: z.string(),
          field_name: z.nullish(z.string()),
          value: z.nullish(z.unknown()),
          previous_value: z.nullish(z.unknown()),
        }),
      ),
    }),
  ),
});
const formResponseSchema = z.object({ ticket_form: z.object({ id: z.number(), name: z.string(), display_name: z.nullish(z.string()) }) });
const usersSchema = z.object({ users: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })) });
const meSchema = z.object({
  user: z.object({ id: z.nullish(z.number()), name: z.nullish(z.string()), authenticity_token: z.nullish(z.string()) }),
});

type ZendeskTicket = z.infer<typeof ticketSchema>;

interface Loaded {
  facts: StarFacts;
  ticket: ZendeskTicket;
  now: number;
  requesterName: string;
  agentName: string;
}

/** The last change of `priority` from one value to another in the audits (newest first). */
function lastPriorityChange(audits: z.infer<typeof auditsSchema>['audits']): StarFacts['priorityChange'] {
  const newestFirst = [...audits].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  for (const audit of newestFirst) {
    for (const e of audit.events) {
      if (e.type !== 'Change' || e.field_name !== 'priority') continue;
      const from = e.previous_value;
      const to = e.value;
      // Setting a priority on a new ticket (null → x) is not a change of priority.
      if (typeof from === 'string' && from !== '' && typeof to === 'string' && to !== from) return { from, to, at: Date.parse(audit.created_at) };
    }
  }
  return null;
}

async function loadTicket(origin: string, ticketId: number, deps: StarDeps): Promise<{ ok: true; loaded: Loaded } | { ok: false; message: string }> {
  const f = deps.fetchFor(origin);
  const ms = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const api = `${origin}/api/v2`;
  // Comments newest first: the last public one decides "last reply from the customer". Audits newest first
  // ([inf] `sort_order` on List Audits as on List Comments): the last priority change.
  const [ticketRes, commentsRes, auditsRes, meRes] = await Promise.all([
    getJson(f, `${api}/tickets/${ticketId}?include=slas`, showTicketSchema, 'reading the ticket', ms),
    getJson(f, `${api}/tickets/${ticketId}/comments?sort_order=desc&per_page=100`, commentsSchema, 'reading the comments', ms),
    getJson(f, `${api}/tickets/${ticketId}/audits?sort_order=desc&per_page=100`, auditsSchema, 'reading the ticket history', ms),
    getJson(f, `${api}/users/me`, meSchema, 'reading who you are', ms),
  ]);
  if (!ticketRes.ok) return { ok: false, message: ticketRes.message };
  const ticket = ticketRes.data.ticket;
  const lastPublic = commentsRes.ok ? commentsRes.data.comments.filter((c) => c.public).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0] : undefined;
  const userIds = [ticket.requester_id, lastPublic?.author_id].filter((id): id is number => typeof id === 'number');
  const [formRes, usersRes] = await Promise.all([
    ticket.ticket_form_id ? getJson(f, `${api}/ticket_forms/${ticket.ticket_form_id}`, formResponseSchema, 'reading the ticket form', ms) : Promise.resolve(null),
    userIds.length ? getJson(f, `${api}/users/show_many?ids=${[...new Set(userIds)].join(',')}`, usersSchema, 'reading the requester', ms) : Promise.resolve(null),
  ]);
  const users = usersRes?.ok ? usersRes.data.users : [];
  const userOf = (id: number | null | undefined) => users.find((u) => u.id === id);
  let lastPublicAuthor: StarFacts['lastPublicAuthor'];
  if (!commentsRes.ok) lastPublicAuthor = undefined;
  else if (!lastPublic) lastPublicAuthor = null;
  else {
    const author = userOf(lastPublic.author_id);
    // Without the author's role, the requester is the customer and anyone else is taken for an agent.
    const customer = author ? author.role === 'end-user' : lastPublic.author_id === ticket.requester_id;
    lastPublicAuthor = { kind: customer ? 'customer' : 'agent', name: author?.name ?? `user ${lastPublic.author_id}` };
  }
  const frtMetric = ticket.slas?.policy_metrics.find((m) => m.metric === 'first_reply_time');
  const me = meRes.ok ? meRes.data.user : null;
  const facts: StarFacts = {
    ticketId,
    subject: ticket.subject ?? '',
    createdAt: Date.parse(ticket.created_at),
    priority: ticket.priority && (TICKET_PRIORITIES as readonly string[]).includes(ticket.priority) ? ticket.priority : null,
    tags: ticket.tags ?? [],
    formName: ticket.ticket_form_id ? (formRes?.ok ? formRes.data.ticket_form.display_name || formRes.data.ticket_form.name : undefined) : null,
    firstReply: frtMetric ? { stage: frtMetric.stage, breachAt: frtMetric.breach_at ? Date.parse(frtMetric.breach_at) : null } : null,
    lastPublicAuthor,
    priorityChange: auditsRes.ok ? lastPriorityChange(auditsRes.data.audits) : undefined,
    assigneeId: ticket.assignee_id ?? null,
    meId: me?.id ?? null,
  };
  return {
    ok: true,
    loaded: {
      facts,
      ticket,
      // Zendesk's clock (its Date header), as the badges use: eligibility agrees with the SLA Zendesk runs.
      now: ticketRes.date ?? deps.now(),
      requesterName: userOf(ticket.requester_id)?.name ?? `user ${ticket.requester_id ?? '?'}`,
      agentName: me?.name ?? 'an agent',
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Check, request, retry.

async function actionsPlan(settings: EscalationSettings, assessment: StarAssessment, deps: StarDeps, ctx: StarContext): Promise<StarActionsPlan> {
  const problems: StarActionsPlan['problems'] = {};
  if (settings.formUrlTemplate) {
    const filled = fillFormUrl(settings.formUrlTemplate, { ...assessment.suggested, reason: 'x', desiredResult: 'x' }, ctx);
    if (!filled.ok) problems.form = filled.message;
  }
  if (settings.slackWebhookUrl && !(await slackAllowed(settings.slackWebhookUrl, deps))) problems.slack = SLACK_NOT_ALLOWED;
  return { tag: settings.starTag, form: settings.formUrlTemplate !== '', slack: settings.slackWebhookUrl !== '', problems };
}

async function slackAllowed(url: string, deps: StarDeps): Promise<boolean> {
  try {
    return await deps.hasHostPermission(new URL(url).origin);
  } catch {
    return false;
  }
}

function contextOf(origin: string, loaded: Loaded, assessment: StarAssessment, requestedAt: number): StarContext {
  return {
    ticketId: loaded.facts.ticketId,
    ticketUrl: `${origin}/agent/tickets/${loaded.facts.ticketId}`,
    subject: loaded.facts.subject,
    priority: loaded.facts.priority,
    requester: loaded.requesterName,
    agent: loaded.agentName,
    reasons: assessment.criteria.filter((c) => !c.blocking && c.verdict === 'pass').map((c) => c.detail),
    requestedAt,
  };
}

/** A ticket read without its tag list (schema drift) can neither show the note landed nor keep the others' tags. */
const NO_TAGS = "Zendesk's answer had no tag list, so whether the note was added cannot be checked.";

const hasTag = (tags: readonly string[] | undefined, tag: string): boolean => (tags ?? []).some((t) => t.toLowerCase() === tag.toLowerCase());

async function checkStar(origin: string, ticketId: number, deps: StarDeps): Promise<StarCheckResponse> {
  await recoverInterrupted(origin, ticketId, deps);
  const got = await loadTicket(origin, ticketId, deps);
  if (!got.ok) return got;
  const { loaded } = got;
  const assessment = assessStar(loaded.facts, loaded.now, deps.calendar, deps.agentZone);
  const settings = await deps.settings();
  const record = (await deps.records.get())[recordKey(origin, ticketId)];
  return {
    ok: true,
    assessment,
    record: record ? recordView(record) : null,
    actions: await actionsPlan(settings, assessment, deps, contextOf(origin, loaded, assessment, loaded.now)),
    existingTag: hasTag(loaded.ticket.tags, settings.starTag),
  };
}

async function requestStar(origin: string, msg: z.infer<typeof requestSchema>, deps: StarDeps): Promise<StarRequestResponse> {
  const key = recordKey(origin, msg.ticketId);
  await recoverInterrupted(origin, msg.ticketId, deps);
  const existing = (await deps.records.get())[key];
  // Exactly one STAR per ticket: a second click (any tab) gets the first one back.
  if (existing) return { ok: true, record: recordView(existing), created: false };
  const problems = formProblems(msg.form);
  const first = Object.values(problems)[0];
  if (first) return { ok: false, message: first };
  const got = await loadTicket(origin, msg.ticketId, deps);
  if (!got.ok) return got;
  const { loaded } = got;
  const settings = await deps.settings();
  if (hasTag(loaded.ticket.tags, settings.starTag)) {
    return { ok: false, message: `This ticket already has the tag ${settings.starTag}: a STAR was already requested (by another agent or browser). See the ticket's internal notes.` };
  }
  // The page checked too, but the worker decides on fresh data: support hours may have closed since.
  const assessment = assessStar(loaded.facts, loaded.now, deps.calendar, deps.agentZone);
  const decision = starDecision(assessment, msg.ticked);
  if (!decision.available) return { ok: false, message: `A STAR is not available: ${decision.blockers.join(' ')}` };

  const requestedAt = loaded.now;
  const ctx = { ...contextOf(origin, loaded, assessment, requestedAt), reasons: decision.reasons };
  const filled = settings.formUrlTemplate ? fillFormUrl(settings.formUrlTemplate, msg.form, ctx) : null;
  const record: StarRecord = {
    origin,
    ticketId: msg.ticketId,
    requestedAt,
    form: msg.form,
    tag: settings.starTag,
    note: starNote(msg.form, ctx),
    formUrl: filled?.ok ? filled.url : null,
    ...(settings.slackWebhookUrl ? { slack: slackPayload(msg.form, ctx) } : {}),
    steps: {
      zendesk: { status: 'pending' },
      form: filled === null ? { status: 'skipped' } : filled.ok ? { status: 'pending' } : { status: 'failed', message: filled.message, at: requestedAt },
      slack: settings.slackWebhookUrl ? { status: 'pending' } : { status: 'skipped' },
    },
  };
  // Stored before anything runs: from here on, every tab sees this STAR.
  await deps.records.update((all) => ({ ...all, [key]: record }));
  const done = await runPendingSteps(key, deps);
  return { ok: true, record: recordView(done), created: true };
}

async function retryStar(origin: string, ticketId: number, deps: StarDeps): Promise<StarRequestResponse> {
  const key = recordKey(origin, ticketId);
  await recoverInterrupted(origin, ticketId, deps);
  const record = (await deps.records.get())[key];
  if (!record) return { ok: false, message: 'There is no STAR on this ticket to retry.' };
  // Only what failed runs again. A form step that failed because of its address is re-filled from the settings.
  const settings = await deps.settings();
  let formUrl = record.formUrl;
  if (record.steps.form.status === 'failed' && formUrl === null && settings.formUrlTemplate) {
    const got = await loadTicket(origin, ticketId, deps);
    if (got.ok) {
      const assessment = assessStar(got.loaded.facts, got.loaded.now, deps.calendar, deps.agentZone);
      const filled = fillFormUrl(settings.formUrlTemplate, record.form, contextOf(origin, got.loaded, assessment, record.requestedAt));
      formUrl = filled.ok ? filled.url : null;
    }
  }
  // A step Zendesk asked to wait for (Retry-After) stays failed until then: the dialog offers no Retry before it,
  // and a Retry from an older dialog does not spend a request on another 429.
  const now = deps.now();
  const again = (step: StepState): StepState => (step.status === 'failed' && !((step.retryAt ?? 0) > now) ? { status: 'pending' } : step);
  await updateRecord(key, deps, (r) => ({
    ...r,
    formUrl,
    steps: { zendesk: again(r.steps.zendesk), form: again(r.steps.form), slack: again(r.steps.slack) },
  }));
  const done = await runPendingSteps(key, deps);
  return { ok: true, record: recordView(done), created: false };
}

async function updateRecord(key: string, deps: StarDeps, fn: (r: StarRecord) => StarRecord): Promise<StarRecord> {
  let out: StarRecord | undefined;
  await deps.records.update((all) => {
    const r = all[key];
    if (!r) return all;
    out = fn(r);
    return { ...all, [key]: out };
  });
  if (!out) throw new Error('STAR record vanished');
  return out;
}

const setStep = (key: string, deps: StarDeps, step: StepName, state: StepState) =>
  updateRecord(key, deps, (r) => ({ ...r, steps: { ...r.steps, [step]: state } }));

/**
 * A step left "running" means the worker was killed mid-step (inside the lock nothing else can be running).
 * The Zendesk step is checked against the ticket: its tag lands in the same PUT as the note, so the tag being
 * there means the note is too. A form or Slack step cannot be checked: it is marked failed for a retry.
 */
async function recoverInterrupted(origin: string, ticketId: number, deps: StarDeps): Promise<void> {
  const key = recordKey(origin, ticketId);
  const record = (await deps.records.get())[key];
  if (!record) return;
  const steps = record.steps;
  if (steps.zendesk.status === 'running') {
    const f = deps.fetchFor(origin);
    const ms = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const got = await getJson(f, `${origin}/api/v2/tickets/${ticketId}`, showTicketSchema, 'checking an interrupted STAR', ms);
    const now = deps.now();
    // Not confirmed: failed, for a retry. That is safe either way: the retry re-reads the ticket and adds
    // nothing when the tag is there.
    const tags = got.ok ? got.data.ticket.tags : undefined;
    await setStep(key, deps, 'zendesk', tags && hasTag(tags, record.tag)
      ? { status: 'done', message: `Internal note and tag ${record.tag} added (confirmed after an interruption).`, at: now }
      : { status: 'failed', message: tags ? 'Interrupted before the note was added: Retry adds it.' : `Interrupted, and ${got.ok ? NO_TAGS : got.message} Retry checks the ticket before adding anything.`, at: now });
  }
  if (steps.form.status === 'running') {
    await setStep(key, deps, 'form', { status: 'failed', message: 'Interrupted before the STAR form opened: Retry opens it.', at: deps.now() });
  }
  if (steps.slack.status === 'running') {
    await setStep(key, deps, 'slack', { status: 'failed', message: 'Interrupted while posting to Slack: it may not have been posted. Check the channel, then Retry.', at: deps.now() });
  }
}

async function runPendingSteps(key: string, deps: StarDeps): Promise<StarRecord> {
  let record = (await deps.records.get())[key];
  if (!record) throw new Error('STAR record vanished');
  const runners: Record<StepName, (r: StarRecord) => Promise<StepState>> = {
    zendesk: (r) => writeZendesk(r, deps),
    form: (r) => openForm(r, deps),
    slack: (r) => postSlack(r, deps),
  };
  for (const step of ['zendesk', 'form', 'slack'] as const) {
    if (record.steps[step].status !== 'pending') continue;
    record = await setStep(key, deps, step, { status: 'running', at: deps.now() });
    let outcome: StepState;
    try {
      outcome = await runners[step](record);
    } catch (err) {
      outcome = { status: 'failed', message: err instanceof Error ? err.message : String(err), at: deps.now() };
    }
    record = await setStep(key, deps, step, outcome);
  }
  return record;
}

async function writeZendesk(record: StarRecord, deps: StarDeps): Promise<StepState> {
  const f = deps.fetchFor(record.origin);
  const ms = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const api = `${record.origin}/api/v2`;
  const failed = (message: string, wait?: number): StepState => ({ status: 'failed', message, at: deps.now(), ...(wait ? { retryAt: deps.now() + wait } : {}) });
  let csrf: string | null = null;
  const readToken = async (): Promise<Got<string>> => {
    const me = await getJson(f, `${api}/users/me`, meSchema, 'getting the CSRF token', ms);
    return me.ok ? { ok: true, data: me.data.user.authenticity_token ?? '', date: me.date } : me;
  };
  let conflicts = 0;
  let refreshedToken = false;
  for (let attempt = 0; attempt < MAX_SAFE_UPDATE_ATTEMPTS + 1; attempt++) {
    if (conflicts >= MAX_SAFE_UPDATE_ATTEMPTS) break;
    if (csrf === null) {
      const token = await readToken();
      if (!token.ok) return failed(token.message, token.retryAfterMs);
      csrf = token.data;
    }
    // Fresh data for every attempt: the stamp and the tags the PUT keeps.
    const fresh = await getJson(f, `${api}/tickets/${record.ticketId}`, showTicketSchema, 'reading the ticket before the note', ms);
    if (!fresh.ok) return failed(fresh.message, fresh.retryAfterMs);
    const t = fresh.data.ticket;
    // Without the tag list the PUT would replace the ticket's tags with ours alone, and a note that landed
    // earlier (an answer lost to a timeout) could not be seen: write nothing.
    if (!t.tags) return failed(`${NO_TAGS} Nothing was written: Retry later.`);
    if (hasTag(t.tags, record.tag)) {
      return { status: 'done', message: `The ticket already has the tag ${record.tag} (an earlier attempt landed, or another agent added it): no second note was added.`, at: deps.now() };
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const res = await send(
      f,
      `${api}/tickets/${record.ticketId}`,
      {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          ticket: {
            comment: { body: record.note, public: false },
            tags: [...(t.tags ?? []), record.tag],
            safe_update: true,
            updated_stamp: t.updated_at,
          },
        }),
      },
      ms,
    );
    // No answer: the PUT may have landed all the same. Retry reads the ticket first and finds the tag if it did.
    if (!res.ok && res.status === TIMED_OUT) return failed('Zendesk did not answer in time while adding the internal note: it may have been added. Retry checks the ticket first and never adds a second note.');
    if (!res.ok) return failed('Zendesk could not be reached while adding the internal note (offline?): it may have been added. Retry once you are online: it checks the ticket first and never adds a second note.');
    const { raw } = res;
    if (succeeded(raw)) {
      const after = conflicts ? ` Another edit landed first ${conflicts === 1 ? 'once' : `${conflicts} times`}; retried on fresh data without overwriting it.` : '';
      return { status: 'done', message: `Internal note and tag ${record.tag} added.${after}`, at: deps.now() };
    }
    const body = parseJson(raw.body);
    const error = body.ok && typeof body.json === 'object' && body.json !== null && 'error' in body.json ? String(body.json.error) : '';
    if (raw.status === 409) {
      conflicts++;
      continue;
    }
    if (raw.status === 403 && error === 'InvalidCsrfToken' && !refreshedToken) {
      refreshedToken = true;
      csrf = null;
      continue;
    }
    return failed(httpMessage(raw.status, 'adding the internal note', raw.retryAfter), retryAfterMs(raw.retryAfter));
  }
  return failed(`Someone else kept editing the ticket (${conflicts} conflicting edits in a row): nothing was overwritten. Retry when they are done.`);
}

async function openForm(record: StarRecord, deps: StarDeps): Promise<StepState> {
  if (!record.formUrl) return { status: 'failed', message: 'The STAR form address is missing or invalid: fix it on the options page, then Retry.', at: deps.now() };
  await deps.openTab(record.formUrl);
  return { status: 'done', message: 'Opened the STAR form in a new tab.', at: deps.now() };
}

async function postSlack(record: StarRecord, deps: StarDeps): Promise<StepState> {
  const failed = (message: string): StepState => ({ status: 'failed', message, at: deps.now() });
  const { slackWebhookUrl } = await deps.settings();
  if (!slackWebhookUrl || !record.slack) return failed('No Slack webhook is set any more: add it on the options page, then Retry.');
  if (!(await slackAllowed(slackWebhookUrl, deps))) return failed(SLACK_NOT_ALLOWED);
  // The webhook URL is a secret: it is never logged nor put in a message.
  const res = await send(
    deps.slackFetch,
    slackWebhookUrl,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record.slack), credentials: 'omit' },
    deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  if (!res.ok && res.status === TIMED_OUT) return failed('Slack did not answer in time: the message may have been posted. Check the channel, then Retry.');
  if (!res.ok) return failed('Slack could not be reached (offline?): Retry posts the message.');
  if (succeeded(res.raw)) return { status: 'done', message: 'Posted to Slack.', at: deps.now() };
  // Slack answers errors in plain text: invalid_payload, no_service, channel_is_archived, action_prohibited...
  const text = res.raw.body.replace(/[^\w .:-]/g, '').slice(0, 80);
  return failed(`Slack refused the message (${res.raw.status}${text ? `: ${text}` : ''}). Check the webhook on the options page, then Retry.`);
}

// ---------------------------------------------------------------------------------------------------------------
// The keyboard shortcut (manifest `commands`).

export const ESCALATION_COMMAND = 'open-escalation';

export interface CommandDeps {
  activeTab(): Promise<{ id?: number; url?: string } | undefined>;
  sendToTab(tabId: number, message: { type: typeof OPEN_ESCALATION }): Promise<unknown>;
}

/** Tells the active tab's escalation script to open the dialog, when that tab is a Zendesk ticket. */
export async function handleEscalationCommand(command: string, deps: CommandDeps): Promise<'sent' | 'not-a-ticket' | 'no-script' | 'ignored'> {
  if (command !== ESCALATION_COMMAND) return 'ignored';
  const tab = await deps.activeTab();
  if (tab?.id === undefined || !/^https?:\/\/[^/]+\/agent\/tickets\/\d+/.test(tab.url ?? '')) return 'not-a-ticket';
  try {
    await deps.sendToTab(tab.id, { type: OPEN_ESCALATION });
    return 'sent';
  } catch {
    // The page was open before the extension was installed or updated and has no escalation script yet.
    return 'no-script';
  }
}
