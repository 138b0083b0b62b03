/**
 * zod schemas for the Zendesk API responses the extension reads (REFERENCE.md §1).
 * zod/mini keeps the content script small; the schemas accept unknown fields (Zendesk adds fields
 * without notice) but reject a wrong type on a field we rely on.
 */
import * as z from 'zod/mini';

export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const SLA_STAGES = ['active', 'paused', 'achieved'] as const;

export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type SlaStage = (typeof SLA_STAGES)[number];

const isoDateTime = z.iso.datetime({ offset: true });

/** One element of `ticket.slas.policy_metrics` (REFERENCE.md §1.2). */
export const policyMetricSchema = z.object({
  metric: z.string(),
  stage: z.enum(SLA_STAGES),
  breach_at: z.nullish(isoDateTime),
  minutes: z.optional(z.number()),
  hours: z.optional(z.number()),
  days: z.optional(z.number()),
});
export type PolicyMetric = z.infer<typeof policyMetricSchema>;

export const ticketSlasSchema = z.object({
  policy_metrics: z.array(policyMetricSchema),
});

export const viaSchema = z.object({
  channel: z.union([z.string(), z.number()]),
  source: z.optional(z.unknown()),
});

export const ticketSchema = z.object({
  id: z.number(),
  subject: z.nullish(z.string()),
  status: z.enum(TICKET_STATUSES),
  priority: z.nullish(z.enum(TICKET_PRIORITIES)),
  created_at: isoDateTime,
  updated_at: isoDateTime,
  via: z.optional(viaSchema),
  tags: z.optional(z.array(z.string())),
  requester_id: z.nullish(z.number()),
  assignee_id: z.nullish(z.number()),
  group_id: z.nullish(z.number()),
  ticket_form_id: z.nullish(z.number()),
  brand_id: z.nullish(z.number()),
  recipient: z.nullish(z.string()),
  /** Present only when requested with `include=slas`. */
  slas: z.optional(ticketSlasSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** Ticket metric set (`include=metric_sets` sideload): replies so far and who updated last. */
export const metricSetSchema = z.object({
  ticket_id: z.number(),
  replies: z.nullish(z.number()),
  requester_updated_at: z.nullish(isoDateTime),
  assignee_updated_at: z.nullish(isoDateTime),
  latest_comment_added_at: z.nullish(isoDateTime),
});
export type MetricSet = z.infer<typeof metricSetSchema>;

export const showTicketResponseSchema = z.object({
  ticket: ticketSchema,
  metric_sets: z.optional(z.array(metricSetSchema)),
});

export const showManyResponseSchema = z.object({
  tickets: z.array(ticketSchema),
  metric_sets: z.optional(z.array(metricSetSchema)),
});

export const userMeResponseSchema = z.object({
  user: z.object({
    id: z.nullish(z.number()),
    name: z.nullish(z.string()),
    email: z.nullish(z.string()),
    role: z.nullish(z.string()),
    time_zone: z.nullish(z.string()),
    iana_time_zone: z.nullish(z.string()),
    authenticity_token: z.nullish(z.string()),
  }),
});

export const searchTicketsResponseSchema = z.object({
  results: z.array(z.looseObject({ result_type: z.optional(z.string()) })),
  count: z.number(),
  next_page: z.nullish(z.string()),
});

/**
 * `GET /api/v2/search?query=type:ticket ...&include=tickets(slas,metric_sets)`: ticket results carry their own
 * `slas` (REFERENCE.md §1.4); `metric_sets` is a top-level sideload when Zendesk sends it. Offset pages.
 */
export const searchTicketResultSchema = z.extend(ticketSchema, { result_type: z.optional(z.literal('ticket')) });
export const searchTicketsWithSlasResponseSchema = z.object({
  results: z.array(searchTicketResultSchema),
  metric_sets: z.optional(z.array(metricSetSchema)),
  count: z.number(),
  next_page: z.nullish(z.string()),
});
export type SearchTicketsWithSlasResponse = z.infer<typeof searchTicketsWithSlasResponseSchema>;

export const scheduleSchema = z.object({
  id: z.optional(z.number()),
  name: z.string(),
  time_zone: z.string(),
  intervals: z.array(z.object({ start_time: z.number(), end_time: z.number() })),
});
export const scheduleResponseSchema = z.object({ schedule: scheduleSchema });
export type ZendeskSchedule = z.infer<typeof scheduleSchema>;

/** `via.channel` as a name. Numeric via ids (accepted on writes) are rare on reads; kept as text. */
export function channelOf(ticket: Pick<Ticket, 'via'>): string {
  const channel = ticket.via?.channel;
  return channel === undefined ? 'unknown' : String(channel);
}
