/**
 * A local Zendesk replica (REFERENCE.md §1 API, §3 Agent Workspace DOM) for the demo and the browser
 * tests: node:http only, in-memory data, a controllable clock, fault injection and a request log.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loginPage } from './agent-pages.js';
import { commentJson, escapeHtml, iso, ticketJson, userJson, viewJson, DEFAULT_TICKET_FORM_ID, PRIORITY_ORDER, STATUS_ORDER, TICKET_FORMS, type Priority, type Status, type StoredTicket } from './model.js';
import { matchesQuery, parseSearchQuery, sortTickets, wantsOnlyOtherTypes } from './search-query.js';
import { AGENT_EMAIL, AGENT_ID, API_TOKEN } from './seed.js';
import { ReplicaStore, type TicketUpdate } from './store.js';

export { ReplicaStore } from './store.js';
export { SEED, SEED_PURPOSES, AGENT_EMAIL, AGENT_PASSWORD, API_TOKEN } from './seed.js';

export interface ReplicaOptions {
  port?: number;
  host?: string;
  now?: () => number;
  budgetPerMinute?: number;
}
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: number;
  csrf: boolean;
  /** The Host header the request came with (the replica answers as 127.0.0.1 and as localhost). */
  host?: string;
  /** Whether it carried an Authorization header (API-token sign-in). */
  authorization?: boolean;
}
export interface Faults {
  latencyMs: number;
  status: number | null;
  malformed: boolean;
  /** Schema drift: unknown fields added, optional fields left out (`true`), or also fields of the wrong type ('types'). */
  drift: boolean | 'types';
  hang: boolean;
  /**
   * The request is carried out (a PUT lands in the store) and then never answered: a write whose answer is lost
   * to a timeout, a dropped connection or a killed worker. The request log records the status it would have had.
   */
  hangAfterApply: boolean;
  match?: string;
  markupDrift: boolean;
  /** The Slack webhook sink (`POST /__replica/slack`) answers with this status and Slack's error text. */
  slackStatus: number | null;
  /** The Slack sink holds every post without answering (a worker killed mid-post never hears back). */
  slackHang: boolean;
  /**
   * Another agent's edit, once: the next safe_update PUT to a ticket first has this tag added by someone else,
   * so its updated_stamp is stale and Zendesk answers 409.
   */
  concurrentEditTag: string | null;
  /** The `Retry-After` (seconds) sent with a forced 429 or 503; default 10. */
  retryAfterSeconds?: number;
  /**
   * Faults for some API paths only, checked before the faults above: the first rule whose `match` is part of the
   * path applies alone. Lets one browser test break several tickets in different ways at once. Rules leave the
   * replica's own Agent Workspace requests (`_client=agent-app`) alone, so the page still shows the ticket.
   */
  rules?: FaultRule[];
}
export type FaultRule = { match: string; /** Only requests with this method (e.g. 'PUT'), when set. */ method?: string } & Partial<
  Pick<Faults, 'latencyMs' | 'status' | 'malformed' | 'drift' | 'hang' | 'hangAfterApply' | 'retryAfterSeconds'>
>;
export interface Replica {
  url: string;
  close(): Promise<void>;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  faults: Faults;
  requests: RequestRecord[];
  /** Messages the Slack webhook sink accepted (the JSON bodies). */
  slackMessages: unknown[];
  reset(): void;
  sessionCookie: { name: string; value: string };
  store: ReplicaStore;
}

export const SESSION_COOKIE = '_zendesk_session';
const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app');
const STATIC_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};
const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_PAGE_SIZE = 100;
const SEARCH_RESULT_LIMIT = 1000;

export function defaultFaults(): Faults {
  return { latencyMs: 0, status: null, malformed: false, drift: false, hang: false, hangAfterApply: false, markupDrift: false, slackStatus: null, slackHang: false, concurrentEditTag: null };
}

interface Session {
  userId: number;
  csrfToken: string;
  /** API-token requests (Basic `{email}/token:{token}`) need no CSRF token, as on Zendesk. */
  viaToken?: boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body['error']));
  }
}

const notFound = (): HttpError => new HttpError(404, { error: 'RecordNotFound', description: 'Not found' });
const invalid = (description: string, details: Record<string, unknown> = {}): HttpError =>
  new HttpError(422, { error: 'RecordInvalid', description, details });
const badRequest = (error: string, description: string): HttpError => new HttpError(400, { error, description });

/** Bodies Zendesk sends for each forced status (shapes from the docs' "Errors JSON Format"). */
const FORCED_ERRORS: Record<number, { error: string; description: string }> = {
  400: { error: 'InvalidValue', description: 'Invalid value' },
  401: { error: "Couldn't authenticate you", description: 'Authentication required' },
  403: { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' },
  404: { error: 'RecordNotFound', description: 'Not found' },
  409: { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' },
  422: { error: 'RecordInvalid', description: 'Record validation errors' },
  429: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
  500: { error: 'InternalError', description: 'Something went wrong on our end.' },
  502: { error: 'BadGateway', description: 'The server received an invalid response from an upstream server.' },
  503: { error: 'ServiceUnavailable', description: 'Zendesk is temporarily unavailable. Please try again in a moment.' },
};

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through: Zendesk answers unparsable bodies with 400
  }
  throw badRequest('InvalidJSON', 'The request body is not valid JSON');
}

function intParam(value: string | null, fallback: number, name: string): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw badRequest('InvalidPaginationParameter', `${name} must be a positive integer`);
  return Number(value);
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}
function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isRecord(parsed) && typeof parsed['o'] === 'number' && parsed['o'] >= 0) return parsed['o'];
  } catch {
    // fall through
  }
  throw badRequest('InvalidPaginationParameter', 'page[after]/page[before] is not a valid cursor');
}

/** Names inside `include=`, also reading the search form `tickets(slas,metric_sets)`. */
function includes(q: URLSearchParams): Set<string> {
  const out = new Set<string>();
  for (const raw of (q.get('include') ?? '').split(/,(?![^(]*\))/)) {
    const m = /^\s*(\w+)\s*(?:\(([^)]*)\))?\s*$/.exec(raw);
    if (!m) continue;
    if (m[2] !== undefined) for (const inner of m[2].split(',')) out.add(`${m[1]}(${inner.trim()})`);
    else if (m[1]) out.add(m[1]);
  }
  return out;
}

/** Schema drift: unknown extra fields everywhere, optional fields the extension tolerates missing. */
function drift(value: unknown, types = false): unknown {
  if (Array.isArray(value)) return value.map((v) => drift(v, types));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = drift(v, types);
  // Wrong types: a breach time as a number, a status as an object (a Zendesk bug or an API change).
  if (types && 'metric' in out && 'stage' in out && typeof out['breach_at'] === 'string') out['breach_at'] = Date.parse(out['breach_at']);
  if (types && 'status' in out && 'via' in out) out['status'] = { name: out['status'] };
  if ('metric' in out && 'stage' in out) {
    delete out['minutes'];
    delete out['hours'];
    delete out['days'];
    out['x_policy_title'] = 'Replica drift';
  } else if ('status' in out && 'via' in out) {
    for (const k of ['via', 'tags', 'recipient', 'group_id', 'brand_id', 'ticket_form_id', 'raw_subject', 'description']) delete out[k];
    out['x_new_field'] = { nested: [1, 'two', null] };
  } else if ('ticket_id' in out && 'replies' in out) {
    delete out['assignee_updated_at'];
    delete out['requester_updated_at'];
    out['x_metric_extra'] = 42;
  }
  out['x_replica_drift'] = true;
  return out;
}

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const base = options.now ?? Date.now;
  const budget = options.budgetPerMinute ?? 700;
  let offset = 0;
  const clock = {
    now: (): number => base() + offset,
    set(ms: number): void {
      offset = ms - base();
    },
    advance(ms: number): void {
      offset += ms;
    },
  };
  const store = new ReplicaStore(clock.now);
  const sessions = new Map<string, Session>();
  const newSession = (userId: number): string => {
    const value = randomBytes(24).toString('base64url');
    sessions.set(value, { userId, csrfToken: randomBytes(48).toString('base64url') });
    return value;
  };
  const sessionCookie = { name: SESSION_COOKIE, value: newSession(AGENT_ID) };
  let windowHits: number[] = [];
  const hung = new Set<ServerResponse>();

  const replica: Replica = {
    url: '',
    close: async () => {
      for (const res of hung) res.destroy();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
    clock,
    faults: defaultFaults(),
    requests: [],
    slackMessages: [],
    reset(): void {
      store.reseed();
      // Mutate in place: tests may hold a reference to `faults` and `requests`.
      Object.assign(replica.faults, defaultFaults());
      delete replica.faults.match;
      delete replica.faults.retryAfterSeconds;
      delete replica.faults.rules;
      replica.requests.length = 0;
      replica.slackMessages.length = 0;
      windowHits = [];
      for (const res of hung) res.destroy();
      hung.clear();
    },
    sessionCookie,
    store,
  };

  const sessionOf = (req: IncomingMessage): Session | null => {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      // Zendesk API token auth: `{email}/token:{api_token}`. A wrong token is a 401, never a fallback to cookies.
      const [, email, token] = /^([^/]+)\/token:(.+)$/.exec(Buffer.from(basic[1]!, 'base64').toString('utf8')) ?? [];
      const user = email ? store.userByEmail(email) : undefined;
      return user && token === API_TOKEN ? { userId: user.id, csrfToken: '', viaToken: true } : null;
    }
    const value = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return value ? (sessions.get(value) ?? null) : null;
  };

  const rateLimit = (now: number): { remaining: number; reset: number; limited: boolean } => {
    // Rolling minute on the replica clock, so tests can advance past it; a backwards jump forgets hits.
    windowHits = windowHits.filter((t) => t > now - 60_000 && t <= now);
    const oldest = windowHits[0];
    const reset = oldest === undefined ? 60 : Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    if (windowHits.length >= budget) return { remaining: 0, reset, limited: true };
    windowHits.push(now);
    return { remaining: budget - windowHits.length, reset, limited: false };
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE });
        res.end(JSON.stringify({ error: 'InternalError', description: String(err) }));
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://replica.invalid');
    const pathname = url.pathname;
    if (pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (pathname.startsWith('/__replica/')) return handleControl(req, res, url);
    if (pathname === '/access/login') return handleLogin(req, res, url);
    if (pathname === '/access/logout') {
      const value = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (value && value !== sessionCookie.value) sessions.delete(value);
      res.writeHead(302, { Location: '/access/login', 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
      return void res.end();
    }
    if (pathname.startsWith('/replica-assets/')) {
      const name = pathname.slice('/replica-assets/'.length);
      const type = STATIC_FILES[name];
      if (!type) return sendText(res, 404, 'Not found');
      const body = await readFile(path.join(APP_DIR, name));
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      return void res.end(body);
    }
    if (pathname === '/' || pathname === '/agent' || pathname === '/agent/') {
      res.writeHead(302, { Location: '/agent/filters/360001' });
      return void res.end();
    }
    if (pathname.startsWith('/agent/')) {
      const session = sessionOf(req);
      if (!session) {
        res.writeHead(302, { Location: `/access/login?return_to=${encodeURIComponent(pathname + url.search)}` });
        return void res.end();
      }
      const template = await readFile(path.join(APP_DIR, 'index.html'), 'utf8');
      const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
      const html = template
        .replace('{{CSRF_TOKEN}}', escapeHtml(session.csrfToken))
        .replace('{{THEME}}', theme)
        .replace('{{MARKUP_DRIFT}}', String(replica.faults.markupDrift));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(html);
    }
    sendText(res, 404, 'Not found');
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  async function handleLogin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const safeReturn = (to: string | null): string =>
      to && to.startsWith('/') && !to.startsWith('//') ? to : '/agent/filters/360001';
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const user = store.users.find((u) => u.email === email && u.role !== 'end-user');
      if (!user || !form.get('password')) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        return void res.end(loginPage(safeReturn(form.get('return_to')), email, 'Invalid email or password.'));
      }
      const value = user.id === AGENT_ID ? sessionCookie.value : newSession(user.id);
      res.writeHead(302, {
        Location: safeReturn(form.get('return_to')),
        'Set-Cookie': `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`,
      });
      return void res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(loginPage(safeReturn(url.searchParams.get('return_to')), AGENT_EMAIL, null));
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /__replica/clock':
          return send(200, { now: clock.now(), iso: new Date(clock.now()).toISOString() });
        case 'POST /__replica/clock': {
          const body = await readJson(req);
          const set = body['set'];
          if (typeof set === 'number') clock.set(set);
          else if (typeof set === 'string' && !Number.isNaN(Date.parse(set))) clock.set(Date.parse(set));
          if (typeof body['advance'] === 'number') clock.advance(body['advance']);
          return send(200, { now: clock.now(), iso: new Date(clock.now()).toISOString() });
        }
        case 'GET /__replica/faults':
          return send(200, replica.faults);
        case 'POST /__replica/faults': {
          const body = await readJson(req);
          const f = replica.faults;
          if (typeof body['latencyMs'] === 'number') f.latencyMs = body['latencyMs'];
          if (typeof body['status'] === 'number' || body['status'] === null) f.status = body['status'];
          for (const k of ['malformed', 'hang', 'hangAfterApply', 'markupDrift', 'slackHang'] as const) if (typeof body[k] === 'boolean') f[k] = body[k];
          if (typeof body['drift'] === 'boolean' || body['drift'] === 'types') f.drift = body['drift'];
          if (typeof body['retryAfterSeconds'] === 'number') f.retryAfterSeconds = body['retryAfterSeconds'];
          if (typeof body['slackStatus'] === 'number' || body['slackStatus'] === null) f.slackStatus = body['slackStatus'];
          if (typeof body['concurrentEditTag'] === 'string' || body['concurrentEditTag'] === null) f.concurrentEditTag = body['concurrentEditTag'];
          if (typeof body['match'] === 'string') f.match = body['match'];
          else if (body['match'] === null) delete f.match;
          return send(200, f);
        }
        case 'POST /__replica/slack': {
          // A Slack incoming webhook: 200 "ok", or Slack's plain-text errors ("no_service", "invalid_payload").
          const text = await readBody(req);
          if (replica.faults.slackHang) {
            hung.add(res);
            res.on('close', () => hung.delete(res));
            return;
          }
          const slackStatus = replica.faults.slackStatus;
          if (slackStatus !== null) {
            res.writeHead(slackStatus, { 'Content-Type': 'text/plain; charset=utf-8' });
            return void res.end(slackStatus === 404 ? 'no_service' : slackStatus === 410 ? 'channel_is_archived' : slackStatus === 400 ? 'invalid_payload' : 'internal_error');
          }
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
            return void res.end('invalid_payload');
          }
          replica.slackMessages.push(json);
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          return void res.end('ok');
        }
        case 'GET /__replica/slack':
          return send(200, { messages: replica.slackMessages });
        case 'POST /__replica/reset':
          replica.reset();
          return send(200, { ok: true });
        case 'GET /__replica/requests':
          return send(200, { requests: replica.requests });
        case 'DELETE /__replica/requests':
          replica.requests.length = 0;
          return send(200, { ok: true });
        default:
          return send(404, { error: 'UnknownControlEndpoint' });
      }
    } catch (err) {
      if (err instanceof HttpError) return send(err.status, err.body);
      throw err;
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const session = sessionOf(req);
    const csrfHeader = req.headers['x-csrf-token'];
    const csrf = session !== null && (session.viaToken === true || (typeof csrfHeader === 'string' && csrfHeader === session.csrfToken));
    const record: RequestRecord = {
      method,
      path: url.pathname,
      query,
      status: 0,
      at: clock.now(),
      csrf,
      host: req.headers.host ?? '',
      authorization: req.headers.authorization !== undefined,
    };
    const fromAgentApp = query['_client'] === 'agent-app';
    const rule = fromAgentApp ? undefined : replica.faults.rules?.find((r) => url.pathname.includes(r.match) && (r.method === undefined || r.method === method));
    const faults: Faults = rule ? { ...defaultFaults(), ...rule } : replica.faults;
    const faulted = rule !== undefined || faults.match === undefined || faults.match === '' || url.pathname.includes(faults.match);

    if (faulted && faults.hang) {
      replica.requests.push(record);
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (faulted && faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));

    const now = clock.now();
    const limit = rateLimit(now);
    const headers: Record<string, string> = {
      'Content-Type': JSON_TYPE,
      Date: new Date(now).toUTCString(),
      'Cache-Control': 'no-cache',
      'x-rate-limit': String(budget),
      'x-rate-limit-remaining': String(limit.remaining),
      'rate-limit': String(budget),
      'rate-limit-remaining': String(limit.remaining),
      'rate-limit-reset': String(limit.reset),
      'x-zendesk-api-version': 'v2',
    };
    const finish = (status: number, body: unknown, extra: Record<string, string> = {}): void => {
      record.status = status;
      replica.requests.push(record);
      if (faulted && faults.hangAfterApply) {
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      if (status === 204) {
        res.writeHead(204, { ...headers, ...extra });
        return void res.end();
      }
      let text = JSON.stringify(status < 300 && faulted && faults.drift ? drift(body, faults.drift === 'types') : body);
      // Malformed: a body cut off mid-object, as a proxy or a truncated transfer would deliver it.
      if (faulted && faults.malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '\u0000<html>';
      res.writeHead(status, { ...headers, ...extra });
      res.end(text);
    };

    if (limit.limited) {
      return finish(429, { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }, { 'Retry-After': String(limit.reset) });
    }
    if (faulted && faults.status !== null) {
      const body = FORCED_ERRORS[faults.status] ?? { error: 'Error', description: `HTTP ${faults.status}` };
      const extra: Record<string, string> = faults.status === 429 || faults.status === 503 ? { 'Retry-After': String(faults.retryAfterSeconds ?? 10) } : {};
      return finish(faults.status, body, extra);
    }
    try {
      const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
      const apiPath = url.pathname.replace(/\.json$/, '');
      if (apiPath === '/api/v2/users/me' && method === 'GET') {
        return finish(200, { user: session ? meJson(session, baseUrl) : anonymousUser() });
      }
      if (!session) throw new HttpError(401, { error: "Couldn't authenticate you" });
      if (method !== 'GET' && method !== 'HEAD' && !csrf) {
        throw new HttpError(403, { error: 'InvalidCsrfToken', description: 'The CSRF token (X-CSRF-Token header) is missing or invalid' });
      }
      const result = await route(method, apiPath, url.searchParams, req, session, baseUrl);
      return finish(result.status ?? 200, result.body);
    } catch (err) {
      if (err instanceof HttpError) return finish(err.status, err.body, err.headers);
      throw err;
    }
  }

  function meJson(session: Session, baseUrl: string): Record<string, unknown> {
    const user = store.user(session.userId);
    if (!user) throw new HttpError(401, { error: "Couldn't authenticate you" });
    return { ...userJson(user, baseUrl), authenticity_token: session.csrfToken };
  }

  /** What Show Self returns without a session (Zendesk answers anonymous callers, it does not 401). */
  function anonymousUser(): Record<string, unknown> {
    return {
      id: null,
      url: null,
      name: 'Anonymous user',
      email: 'invalid@example.com',
      created_at: null,
      updated_at: null,
      time_zone: 'Pacific Time (US & Canada)',
      iana_time_zone: 'America/Los_Angeles',
      phone: null,
      shared_phone_number: null,
      photo: null,
      locale_id: 1,
      locale: 'en-US',
      organization_id: null,
      role: 'end-user',
      verified: false,
      authenticity_token: randomBytes(48).toString('base64url'),
    };
  }

  interface RouteResult {
    status?: number;
    body: unknown;
  }

  function ticketOut(t: StoredTicket, baseUrl: string, slas: boolean): Record<string, unknown> {
    return ticketJson(t, { baseUrl, now: clock.now(), slas });
  }

  function requireTicket(idText: string): StoredTicket {
    const t = store.ticket(Number(idText));
    if (!t) throw notFound();
    return t;
  }

  async function route(
    method: string,
    p: string,
    q: URLSearchParams,
    req: IncomingMessage,
    session: Session,
    baseUrl: string,
  ): Promise<RouteResult> {
    const inc = includes(q);
    let m: RegExpExecArray | null;

    if (p === '/api/v2/tickets/show_many' && method === 'GET') {
      const ids = (q.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (ids.length > 100) throw badRequest('TooManyValues', 'ids: a maximum of 100 ids is allowed');
      if (ids.some((id) => !/^\d+$/.test(id))) throw badRequest('InvalidValue', 'ids must be a comma-separated list of integers');
      // Unknown and deleted ids are silently left out, as on Zendesk.
      const tickets = ids.map((id) => store.ticket(Number(id))).filter((t): t is StoredTicket => t !== undefined);
      const body: Record<string, unknown> = { tickets: tickets.map((t) => ticketOut(t, baseUrl, inc.has('slas'))) };
      if (inc.has('metric_sets')) body['metric_sets'] = tickets.map((t) => store.metricSet(t, baseUrl));
      return { body };
    }
    if ((m = /^\/api\/v2\/tickets\/(\d+)$/.exec(p))) {
      const t = requireTicket(m[1] ?? '');
      if (method === 'GET') {
        const body: Record<string, unknown> = { ticket: ticketOut(t, baseUrl, inc.has('slas')) };
        if (inc.has('metric_sets')) body['metric_sets'] = [store.metricSet(t, baseUrl)];
        return { body };
      }
      if (method === 'PUT') {
        const body = await readJson(req);
        const edit = replica.faults.concurrentEditTag;
        const inner = isRecord(body['ticket']) ? body['ticket'] : {};
        if (edit && inner['safe_update'] === true) {
          replica.faults.concurrentEditTag = null;
          store.setTags(t, [...t.tags, edit]);
        }
        return updateTicket(t, body, session, baseUrl);
      }
    }
    if ((m = /^\/api\/v2\/tickets\/(\d+)\/audits$/.exec(p)) && method === 'GET') {
      const t = requireTicket(m[1] ?? '');
      let audits = store.audits.filter((a) => a.ticketId === t.id).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
      if (q.get('sort_order') === 'desc') audits = audits.reverse();
      const json = audits.map((a) => ({
        id: a.id,
        ticket_id: a.ticketId,
        created_at: iso(a.createdAt),
        author_id: a.authorId,
        metadata: { system: {}, custom: {} },
        via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
        events: a.events,
      }));
      return { body: paginate(json, 'audits', q, `${baseUrl}/api/v2/tickets/${t.id}/audits.json`) };
    }
    if ((m = /^\/api\/v2\/ticket_forms\/(\d+)$/.exec(p)) && method === 'GET') {
      const id = Number(m[1]);
      const form = TICKET_FORMS[id];
      if (!form) throw notFound();
      const at = iso(store.seededAt - 400 * 86_400_000);
      return {
        body: {
          ticket_form: {
            id, url: `${baseUrl}/api/v2/ticket_forms/${id}.json`, name: form.name, raw_name: form.name, display_name: form.name, raw_display_name: form.name,
            end_user_visible: true, position: form.position, ticket_field_ids: [], active: true, default: id === DEFAULT_TICKET_FORM_ID,
            in_all_brands: true, restricted_brand_ids: [], created_at: at, updated_at: at,
          },
        },
      };
    }
    if ((m = /^\/api\/v2\/tickets\/(\d+)\/tags$/.exec(p))) {
      const t = requireTicket(m[1] ?? '');
      if (method === 'GET') return { body: { tags: t.tags } };
      const body = await readJson(req);
      checkSafeUpdate(t, body);
      const tags = body['tags'];
      if (!Array.isArray(tags) || !tags.every((x): x is string => typeof x === 'string')) {
        throw invalid('tags must be an array of strings', { tags: [{ description: 'Tags is invalid' }] });
      }
      if (method === 'PUT') {
        store.setTags(t, [...t.tags, ...tags]);
        return { body: { tags: t.tags } };
      }
      if (method === 'POST') {
        store.setTags(t, tags);
        return { status: 201, body: { tags: t.tags } };
      }
      if (method === 'DELETE') {
        const remove = new Set(tags.map((x) => x.toLowerCase()));
        store.setTags(t, t.tags.filter((x) => !remove.has(x)));
        // The spec (and Zendesk's docs) answer Remove Tags with 204 No Content.
        return { status: 204, body: null };
      }
    }
    if ((m = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(p)) && method === 'GET') {
      const t = requireTicket(m[1] ?? '');
      let comments = store.commentsOf(t.id);
      if (q.get('sort_order') === 'desc' || q.get('sort') === '-created_at') comments = comments.reverse();
      const json = comments.map((c) => commentJson(c, c.id + 1));
      return { body: paginate(json, 'comments', q, `${baseUrl}/api/v2/tickets/${t.id}/comments.json`) };
    }
    if (p === '/api/v2/search' && method === 'GET') return { body: search(q, session, baseUrl, inc) };
    if (p === '/api/v2/views' && method === 'GET') {
      const views = store.views.map((v) => viewJson(v, baseUrl, store.seededAt - 90 * 86_400_000));
      return { body: { views, next_page: null, previous_page: null, count: views.length } };
    }
    if ((m = /^\/api\/v2\/views\/(\d+)(\/tickets|\/count)?$/.exec(p)) && method === 'GET') {
      const view = store.views.find((v) => v.id === Number(m?.[1]));
      if (!view) throw notFound();
      if (m[2] === undefined) return { body: { view: viewJson(view, baseUrl, store.seededAt - 90 * 86_400_000) } };
      const tickets = store.viewTickets(view, session.userId);
      if (m[2] === '/count') {
        return { body: { view_count: { view_id: view.id, url: `${baseUrl}/api/v2/views/${view.id}/count.json`, value: tickets.length, pretty: String(tickets.length), fresh: true } } };
      }
      const json = tickets.map((t) => ticketOut(t, baseUrl, inc.has('slas')));
      return { body: paginate(json, 'tickets', q, `${baseUrl}/api/v2/views/${view.id}/tickets.json`) };
    }
    if ((m = /^\/api\/v2\/users\/(\d+)$/.exec(p)) && method === 'GET') {
      const user = store.user(Number(m[1]));
      if (!user) throw notFound();
      return { body: { user: userJson(user, baseUrl) } };
    }
    if (p === '/api/v2/users/show_many' && method === 'GET') {
      const ids = (q.get('ids') ?? '').split(',').map(Number);
      if (ids.length > 100) throw badRequest('TooManyValues', 'ids: a maximum of 100 ids is allowed');
      const users = store.users.filter((u) => ids.includes(u.id)).map((u) => userJson(u, baseUrl));
      return { body: { users, next_page: null, previous_page: null, count: users.length } };
    }
    if (p === '/api/v2/groups' && method === 'GET') {
      const groups = store.groups.map((g) => ({ id: g.id, url: `${baseUrl}/api/v2/groups/${g.id}.json`, name: g.name, description: '', default: g.id === 501, deleted: false, is_public: true, created_at: iso(store.seededAt - 400 * 86_400_000), updated_at: iso(store.seededAt - 400 * 86_400_000) }));
      return { body: { groups, next_page: null, previous_page: null, count: groups.length } };
    }
    if ((m = /^\/api\/v2\/business_hours\/schedules\/(\d+)$/.exec(p)) && method === 'GET') {
      const s = store.schedules.find((x) => x.id === Number(m?.[1]));
      if (!s) throw notFound();
      const at = iso(store.seededAt - 365 * 86_400_000);
      return { body: { schedule: { id: s.id, name: s.name, time_zone: s.timeZone, intervals: s.intervals, created_at: at, updated_at: at } } };
    }
    if (p === '/api/v2/business_hours/schedules' && method === 'GET') {
      // Listing schedules is admin-only on Zendesk (REFERENCE.md §1.6); agents get 403.
      if (store.user(session.userId)?.role !== 'admin') {
        throw new HttpError(403, { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' });
      }
      return { body: { schedules: store.schedules.map((s) => ({ id: s.id, name: s.name, time_zone: s.timeZone, intervals: s.intervals })) } };
    }
    throw new HttpError(404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  /** Cursor pagination when `page[size]`/`page[after]`/`page[before]` is given, offset pagination otherwise. */
  function paginate(items: unknown[], key: string, q: URLSearchParams, selfUrl: string): Record<string, unknown> {
    const cursorMode = q.has('page[size]') || q.has('page[after]') || q.has('page[before]');
    if (cursorMode) {
      const size = Math.min(intParam(q.get('page[size]'), 100, 'page[size]'), MAX_PAGE_SIZE) || 1;
      let start = 0;
      const after = q.get('page[after]');
      const before = q.get('page[before]');
      if (after) start = decodeCursor(after);
      else if (before) start = Math.max(0, decodeCursor(before) - size);
      const page = items.slice(start, start + size);
      const end = start + page.length;
      const hasMore = end < items.length;
      const link = (param: string, cursor: string): string => {
        const u = new URLSearchParams(q);
        u.delete('page[after]');
        u.delete('page[before]');
        u.set('page[size]', String(size));
        u.set(param, cursor);
        return `${selfUrl}?${u.toString()}`;
      };
      const afterCursor = page.length > 0 ? encodeCursor(end) : null;
      const beforeCursor = start > 0 ? encodeCursor(start) : null;
      return {
        [key]: page,
        meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          prev: beforeCursor ? link('page[before]', beforeCursor) : null,
          next: hasMore && afterCursor ? link('page[after]', afterCursor) : null,
        },
      };
    }
    const perPage = Math.min(intParam(q.get('per_page'), 100, 'per_page'), MAX_PAGE_SIZE) || 1;
    const pageNo = Math.max(1, intParam(q.get('page'), 1, 'page'));
    const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const link = (n: number): string => {
      const u = new URLSearchParams(q);
      u.set('page', String(n));
      u.set('per_page', String(perPage));
      return `${selfUrl}?${u.toString()}`;
    };
    return {
      [key]: page,
      next_page: pageNo * perPage < items.length ? link(pageNo + 1) : null,
      previous_page: pageNo > 1 ? link(pageNo - 1) : null,
      count: items.length,
    };
  }

  function search(q: URLSearchParams, session: Session, baseUrl: string, inc: Set<string>): Record<string, unknown> {
    const raw = q.get('query');
    if (raw === null || raw.trim() === '') throw badRequest('InvalidValue', 'query is required');
    const perPage = Math.min(intParam(q.get('per_page'), 100, 'per_page'), MAX_PAGE_SIZE) || 1;
    const pageNo = Math.max(1, intParam(q.get('page'), 1, 'page'));
    // Search stops at 1,000 results: asking for a page that starts past it is a 422 (REFERENCE.md §1.4).
    if ((pageNo - 1) * perPage >= SEARCH_RESULT_LIMIT) {
      throw new HttpError(422, { error: 'InsufficientResourceError', description: 'Requested response size was greater than Search Response Limits' });
    }
    const parsed = parseSearchQuery(raw);
    const ctx = {
      meId: session.userId,
      userName: (id: number) => store.user(id)?.name ?? null,
      userEmail: (id: number) => store.user(id)?.email ?? null,
      groupName: (id: number) => store.groups.find((g) => g.id === id)?.name ?? null,
    };
    const matched = wantsOnlyOtherTypes(parsed) ? [] : store.liveTickets().filter((t) => matchesQuery(t, parsed, ctx));
    const sortBy = q.get('sort_by') ?? parsed.orderBy;
    const sortOrder = (q.get('sort_order') ?? parsed.sort) === 'asc' ? 'asc' : 'desc';
    const sorted = sortTickets(matched, sortBy, sortBy === null ? null : sortOrder);
    const slas = inc.has('tickets(slas)') || inc.has('slas');
    const page = sorted.slice((pageNo - 1) * perPage, pageNo * perPage);
    const results = page.map((t) => ({ ...ticketOut(t, baseUrl, slas), result_type: 'ticket' }));
    const link = (n: number): string => {
      const u = new URLSearchParams(q);
      u.set('page', String(n));
      u.set('per_page', String(perPage));
      return `${baseUrl}/api/v2/search.json?${u.toString()}`;
    };
    const reachable = Math.min(sorted.length, SEARCH_RESULT_LIMIT);
    const body: Record<string, unknown> = {
      results,
      facets: null,
      next_page: pageNo * perPage < reachable ? link(pageNo + 1) : null,
      previous_page: pageNo > 1 ? link(pageNo - 1) : null,
      count: sorted.length,
    };
    if (inc.has('tickets(metric_sets)')) body['metric_sets'] = page.map((t) => store.metricSet(t, baseUrl));
    return body;
  }

  function checkSafeUpdate(t: StoredTicket, body: Record<string, unknown>): void {
    const inner = isRecord(body['ticket']) ? body['ticket'] : body;
    if (inner['safe_update'] !== true) return;
    const stamp = inner['updated_stamp'];
    if (typeof stamp !== 'string' || Date.parse(stamp) !== Date.parse(iso(t.updatedAt))) {
      throw new HttpError(409, {
        error: 'UpdateConflict',
        description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
      });
    }
  }

  function updateTicket(t: StoredTicket, body: Record<string, unknown>, session: Session, baseUrl: string): RouteResult {
    const input = body['ticket'];
    if (!isRecord(input)) throw badRequest('InvalidValue', 'The request body must be {"ticket": {...}}');
    checkSafeUpdate(t, body);
    if (t.status === 'closed') throw invalid('Record validation errors', { status: [{ description: 'Status: closed prevents ticket update' }] });
    const update: TicketUpdate = {};
    const comment = input['comment'];
    if (comment !== undefined) {
      if (!isRecord(comment)) throw invalid('Record validation errors', { comment: [{ description: 'Comment is invalid' }] });
      const c: NonNullable<TicketUpdate['comment']> = {};
      if (typeof comment['body'] === 'string') c.body = comment['body'];
      if (typeof comment['html_body'] === 'string') c.html_body = comment['html_body'];
      if (typeof comment['public'] === 'boolean') c.public = comment['public'];
      update.comment = c;
    }
    if ('priority' in input) {
      const p = input['priority'];
      if (p === null || p === '') {
        // "Priority cannot be reset to empty once set" (REFERENCE.md §1.5).
        if (t.priority !== null) throw invalid('Record validation errors', { priority: [{ description: 'Priority: cannot be blank' }] });
      } else if (typeof p === 'string' && (PRIORITY_ORDER as readonly string[]).includes(p)) update.priority = p as Priority;
      else throw invalid('Record validation errors', { priority: [{ description: `Priority: ${String(p)} is not valid` }] });
    }
    if ('status' in input) {
      const s = input['status'];
      if (typeof s !== 'string' || !(STATUS_ORDER as readonly string[]).includes(s)) {
        throw invalid('Record validation errors', { status: [{ description: `Status: ${String(s)} is not valid` }] });
      }
      update.status = s as Status;
    }
    if (typeof input['subject'] === 'string') update.subject = input['subject'];
    if ('type' in input) {
      const ty = input['type'];
      if (ty === null || ty === 'problem' || ty === 'incident' || ty === 'question' || ty === 'task') update.type = ty;
    }
    if ('assignee_id' in input) {
      const a = input['assignee_id'];
      if (a !== null && !(typeof a === 'number' && store.user(a)?.role !== 'end-user' && store.user(a))) {
        throw invalid('Record validation errors', { assignee_id: [{ description: 'Assignee is not an agent' }] });
      }
      update.assigneeId = a as number | null;
    }
    if ('group_id' in input) {
      const g = input['group_id'];
      if (g === null || (typeof g === 'number' && store.groups.some((x) => x.id === g))) update.groupId = g;
      else throw invalid('Record validation errors', { group_id: [{ description: 'Group is invalid' }] });
    }
    const stringArray = (v: unknown): string[] | undefined =>
      Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? v : undefined;
    if ('tags' in input) update.tags = stringArray(input['tags']) ?? [];
    if ('additional_tags' in input) update.additionalTags = stringArray(input['additional_tags']) ?? [];
    if ('remove_tags' in input) update.removeTags = stringArray(input['remove_tags']) ?? [];

    const audit = store.updateTicket(t, update, session.userId);
    return {
      body: {
        ticket: ticketOut(t, baseUrl, false),
        audit: {
          id: audit.id,
          ticket_id: audit.ticketId,
          created_at: iso(audit.createdAt),
          author_id: audit.authorId,
          metadata: { system: { client: 'Zendesk replica', ip_address: '127.0.0.1' }, custom: {} },
          via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
          events: audit.events,
        },
      },
    };
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  replica.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return replica;
}
