/**
 * The guidance panel's data: the open ticket (with its requester, metric set and live SLA) and the agent, fetched on
 * the page's own origin with the agent's session, validated with zod/mini, and cached per ticket id so a ticket
 * costs one request per opening (and one more after each submit).
 */
import * as z from 'zod/mini';
import type { AgentRole } from '../guidance/playbook-schema';
import { guidanceTicketFromApi, type GuidanceContext, type GuidanceTicket } from '../guidance/ticket';
import { fetchRaw, type RawResponse } from '../zendesk/http';

export function guidanceTicketPath(id: number): string {
  return `/api/v2/tickets/${id}?include=users,metric_sets,slas`;
}

const looseArray = z.optional(z.array(z.unknown()));
const showResponseSchema = z.looseObject({ ticket: z.unknown(), users: looseArray, metric_sets: looseArray });
const idOnly = z.looseObject({ id: z.number() });
const ticketRefs = z.looseObject({
  id: z.number(),
  requester_id: z.nullish(z.number()),
  slas: z.nullish(z.looseObject({ policy_metrics: z.optional(z.array(z.looseObject({ metric: z.string(), stage: z.string() }))) })),
});
const metricSetRef = z.looseObject({ ticket_id: z.number() });
const userResponseSchema = z.looseObject({ user: z.unknown() });
const meSchema = z.looseObject({
  user: z.looseObject({ id: z.nullish(z.number()), name: z.nullish(z.string()), role: z.nullish(z.string()), role_type: z.nullish(z.number()) }),
});

export interface GuidanceData {
  ticket: GuidanceTicket;
  /** The ticket's reply clock keeps running in Pending/On-hold until a public reply (for the status check). */
  slaKeepsRunning: boolean;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

export interface SourceDeps {
  origin: string;
  fetch: typeof fetch;
}

function messageFor(status: number): string {
  if (status === 401) return 'Zendesk says you are signed out. Sign in again, then reload this page.';
  if (status === 403) return 'Zendesk refused access to this ticket (403).';
  if (status === 404) return 'This ticket no longer exists or you can no longer see it (404).';
  if (status === 429) return "Zendesk's API rate limit was reached (429). Guidance will load when you reopen the ticket.";
  return `Zendesk answered with an error (${status}).`;
}

function json(raw: RawResponse): Loaded<unknown> {
  if (raw.status < 200 || raw.status >= 300) return { ok: false, error: messageFor(raw.status) };
  try {
    return { ok: true, value: JSON.parse(raw.body) as unknown };
  } catch {
    return { ok: false, error: 'Zendesk sent a response that is not valid JSON.' };
  }
}

async function get(deps: SourceDeps, path: string, signal: AbortSignal): Promise<Loaded<unknown>> {
  const r = await fetchRaw(deps.fetch, `${deps.origin}${path}`, { signal });
  return r.ok ? json(r.raw) : { ok: false, error: r.error.message };
}

/** Zendesk's FRT/NRT count in Pending and On-hold for GitLab (DOMAIN.md c2); without a Zendesk SLA, the handbook's first reply clock runs until the first public reply. */
function keepsRunning(metrics: readonly { metric: string; stage: string }[] | undefined, ticket: GuidanceTicket): boolean {
  if (metrics && metrics.length > 0) return metrics.some((m) => (m.metric === 'first_reply_time' || m.metric === 'next_reply_time') && m.stage === 'active');
  return ticket.publicReplies === 0;
}

/**
 * Loads one ticket. The requester comes from the `users` sideload; where an instance (or the replica) does not
 * sideload, it is fetched on its own, and a failure there only costs the name in templates.
 */
export async function loadGuidanceTicket(deps: SourceDeps, id: number, signal: AbortSignal): Promise<Loaded<GuidanceData>> {
  const body = await get(deps, guidanceTicketPath(id), signal);
  if (!body.ok) return body;
  const shown = showResponseSchema.safeParse(body.value);
  const refs = shown.success ? ticketRefs.safeParse(shown.data.ticket) : undefined;
  if (!shown.success || !refs?.success) return { ok: false, error: "Zendesk's response did not have the expected shape (no ticket)." };
  const requesterId = refs.data.requester_id ?? null;
  let requester = (shown.data.users ?? []).find((u) => idOnly.safeParse(u).data?.id === requesterId);
  if (requester === undefined && requesterId !== null && shown.data.users === undefined) {
    const user = await get(deps, `/api/v2/users/${requesterId}`, signal);
    if (user.ok) requester = userResponseSchema.safeParse(user.value).data?.user;
  }
  const metricSet = (shown.data.metric_sets ?? []).find((m) => metricSetRef.safeParse(m).data?.ticket_id === id);
  const r = guidanceTicketFromApi(shown.data.ticket, requester, metricSet);
  if (!r.ok) return r;
  return { ok: true, value: { ticket: r.ticket, slaKeepsRunning: keepsRunning(refs.data.slas?.policy_metrics, r.ticket) } };
}

/** Zendesk's `role` plus `role_type` (1 = light agent) as the playbook's agent roles. */
function agentRole(role: string | null | undefined, roleType: number | null | undefined): AgentRole | null {
  if (role === 'admin') return 'admin';
  if (role === 'agent') return roleType === 1 ? 'light_agent' : 'agent';
  return null;
}

/** The agent looking at the page (`/api/v2/users/me`), for `{{agent.name}}` and role conditions. */
export async function loadAgent(deps: SourceDeps, signal: AbortSignal): Promise<Loaded<NonNullable<GuidanceContext['agent']>>> {
  const body = await get(deps, '/api/v2/users/me', signal);
  if (!body.ok) return body;
  const me = meSchema.safeParse(body.value);
  if (!me.success) return { ok: false, error: 'Zendesk did not say who you are.' };
  return { ok: true, value: { name: me.data.user.name ?? null, role: agentRole(me.data.user.role, me.data.user.role_type) } };
}

/** One load per ticket id until it is invalidated (after a submit); concurrent callers share the request. */
export function createGuidanceCache(load: (id: number, signal: AbortSignal) => Promise<Loaded<GuidanceData>>) {
  const entries = new Map<number, Promise<Loaded<GuidanceData>>>();
  return {
    get(id: number, signal: AbortSignal): Promise<Loaded<GuidanceData>> {
      let p = entries.get(id);
      if (!p) {
        p = load(id, signal).then((r) => {
          // Failures are not cached: the next opening tries again.
          if (!r.ok) entries.delete(id);
          return r;
        });
        entries.set(id, p);
        // A bounded cache: an agent works through many tickets in a day.
        if (entries.size > 50) entries.delete(entries.keys().next().value!);
      }
      return p;
    },
    invalidate(id: number): void {
      entries.delete(id);
    },
  };
}
