/**
 * What the guidance engine reads about a ticket. It is its own type because the rules look at fields the SLA schema
 * does not carry (description, the requester's email and external id, the reply count): the caller assembles it
 * from the ticket, the requester (sideload `users`) and the metric set, and a missing piece is `null`, which no
 * condition matches.
 */
import * as z from 'zod/mini';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../zendesk/schemas';
import type { AgentRole } from './playbook-schema';

export interface GuidanceTicket {
  id: number;
  /** `via.channel` as a name ("email", "twitter", ...); "unknown" when absent. */
  channel: string;
  priority: TicketPriority | null;
  status: TicketStatus;
  tags: readonly string[];
  groupId: number | null;
  brandId: number | null;
  formId: number | null;
  recipient: string | null;
  subject: string;
  description: string;
  requester: GuidanceRequester;
  /** Public agent replies so far (`metric_sets[].replies`); null when unknown. */
  publicReplies: number | null;
}

export interface GuidanceRequester {
  id: number | null;
  name: string | null;
  email: string | null;
  /** Zendesk's `external_id` on the user; teams that sync GitLab.com usernames there get a Sentry link. */
  externalId: string | null;
}

/** Who is looking at the ticket. */
export interface GuidanceContext {
  agent?: { name?: string | null; role?: AgentRole | null };
}

const rawTicketSchema = z.looseObject({
  id: z.number(),
  subject: z.nullish(z.string()),
  description: z.nullish(z.string()),
  status: z.enum(TICKET_STATUSES),
  priority: z.nullish(z.enum(TICKET_PRIORITIES)),
  via: z.optional(z.looseObject({ channel: z.union([z.string(), z.number()]) })),
  tags: z.optional(z.array(z.string())),
  requester_id: z.nullish(z.number()),
  group_id: z.nullish(z.number()),
  brand_id: z.nullish(z.number()),
  ticket_form_id: z.nullish(z.number()),
  recipient: z.nullish(z.string()),
});

const rawUserSchema = z.looseObject({
  id: z.nullish(z.number()),
  name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  external_id: z.nullish(z.union([z.string(), z.number()])),
});

const rawMetricSetSchema = z.looseObject({ replies: z.nullish(z.number()) });

export type GuidanceTicketResult = { ok: true; ticket: GuidanceTicket } | { ok: false; error: string };

/**
 * Builds the guidance input from Zendesk API JSON: a ticket object, optionally its requester (from the `users`
 * sideload) and its metric set. Validated here because the caller hands over outside data.
 */
export function guidanceTicketFromApi(ticket: unknown, requester?: unknown, metricSet?: unknown): GuidanceTicketResult {
  const t = rawTicketSchema.safeParse(ticket);
  if (!t.success) {
    return { ok: false, error: `Not a Zendesk ticket: ${t.error.issues.map((i) => `${i.path.join('.') || 'ticket'}: ${i.message}`).join('; ')}` };
  }
  const u = requester === undefined ? undefined : rawUserSchema.safeParse(requester);
  const m = metricSet === undefined ? undefined : rawMetricSetSchema.safeParse(metricSet);
  const user = u?.success ? u.data : undefined;
  const d = t.data;
  return {
    ok: true,
    ticket: {
      id: d.id,
      channel: d.via === undefined ? 'unknown' : String(d.via.channel),
      priority: d.priority ?? null,
      status: d.status,
      tags: d.tags ?? [],
      groupId: d.group_id ?? null,
      brandId: d.brand_id ?? null,
      formId: d.ticket_form_id ?? null,
      recipient: d.recipient ?? null,
      subject: d.subject ?? '',
      description: d.description ?? '',
      requester: {
        id: d.requester_id ?? user?.id ?? null,
        name: user?.name ?? null,
        email: user?.email ?? null,
        externalId: user?.external_id === undefined || user.external_id === null ? null : String(user.external_id),
      },
      publicReplies: m?.success ? (m.data.replies ?? null) : null,
    },
  };
}

export { emailDomain } from './patterns';
