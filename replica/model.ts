/**
 * The replica's in-memory data model and how it is rendered as Zendesk API JSON.
 * Stored records keep times as epoch milliseconds on the replica clock; everything time-relative
 * (the `minutes|hours|days` field of an SLA metric) is computed at response time, as Zendesk does.
 */

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type Status = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type Stage = 'active' | 'paused' | 'achieved';

export const PRIORITY_ORDER: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const STATUS_ORDER: readonly Status[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

export interface StoredMetric {
  metric: string;
  stage: Stage;
  /** Deadline of the current instance; null while paused (REFERENCE.md §1.2 open question: we pick null). */
  breachAt: number | null;
  /** Time left when the metric was paused, so resuming restores the same budget. */
  remainingMs: number | null;
  /** Policy target in minutes; periodic_update_time restarts with it after each public agent reply. */
  targetMinutes: number;
}

export interface StoredTicket {
  id: number;
  subject: string;
  description: string;
  status: Status;
  priority: Priority | null;
  type: 'problem' | 'incident' | 'question' | 'task' | null;
  channel: string;
  viaSource: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
  recipient: string | null;
  tags: string[];
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  groupId: number | null;
  organizationId: number | null;
  createdAt: number;
  updatedAt: number;
  statusUpdatedAt: number;
  solvedAt: number | null;
  assignedAt: number | null;
  deleted: boolean;
  metrics: StoredMetric[];
  /** The ticket form (TICKET_FORMS); the default support form when absent. */
  ticketFormId?: number;
}

export interface StoredComment {
  id: number;
  ticketId: number;
  authorId: number;
  body: string;
  htmlBody: string;
  public: boolean;
  createdAt: number;
  channel: string;
}

export interface StoredUser {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  timeZone: string;
  ianaTimeZone: string;
  organizationId: number | null;
  defaultGroupId: number | null;
  createdAt: number;
}

export interface StoredView {
  id: number;
  title: string;
  description: string;
  position: number;
  /** Which tickets the view lists; `me` is resolved against the signed-in agent. */
  filter: { assignee?: 'me' | 'none'; statusBelow?: Status; statusAtLeast?: Status };
}

export interface StoredSchedule {
  id: number;
  name: string;
  timeZone: string;
  intervals: { start_time: number; end_time: number }[];
}

/** Zendesk timestamps have second precision and no fractional part ("2019-06-03T02:23:47Z"). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One coarse unit for the time left until breach_at (REFERENCE.md §1.2, inferred semantics). */
export function coarseUnit(deltaMs: number): { minutes: number } | { hours: number } | { days: number } {
  const abs = Math.abs(deltaMs);
  // Rounded, so a deadline seeded "4 minutes" away still reads 4 a few milliseconds later;
  // `|| 0` turns -0 into 0 so JSON never carries "-0".
  if (abs < 3_600_000) return { minutes: Math.round(deltaMs / 60_000) || 0 };
  if (abs < 86_400_000) return { hours: Math.round(deltaMs / 3_600_000) || 0 };
  return { days: Math.round(deltaMs / 86_400_000) || 0 };
}

export function policyMetricJson(m: StoredMetric, now: number): Record<string, unknown> {
  if (m.breachAt === null) {
    // Paused: no deadline; the unit field carries the frozen budget (display-only, like Zendesk's).
    return { breach_at: null, stage: m.stage, metric: m.metric, ...coarseUnit(m.remainingMs ?? 0) };
  }
  return { breach_at: iso(m.breachAt), stage: m.stage, metric: m.metric, ...coarseUnit(m.breachAt - now) };
}

export interface TicketJsonOptions {
  baseUrl: string;
  now: number;
  slas: boolean;
}

/** Field order and defaults copied from the real captures in shared/zendesk/fixtures. */
export function ticketJson(t: StoredTicket, opts: TicketJsonOptions): Record<string, unknown> {
  const json: Record<string, unknown> = {
    url: `${opts.baseUrl}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: t.channel, source: t.viaSource },
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    generated_timestamp: Math.floor(t.updatedAt / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: t.recipient,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...t.tags],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS_IDS[t.status],
    fields: [],
    followup_ids: [],
    ticket_form_id: t.ticketFormId ?? DEFAULT_TICKET_FORM_ID,
    brand_id: 360000200001,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: t.channel === 'native_messaging',
  };
  if (opts.slas) json['slas'] = { policy_metrics: t.metrics.map((m) => policyMetricJson(m, opts.now)) };
  return json;
}

/** Ticket forms (`GET /api/v2/ticket_forms/{id}`): the default one, and the emergency form a STAR refuses. */
export const DEFAULT_TICKET_FORM_ID = 360000100001;
export const EMERGENCY_TICKET_FORM_ID = 360000100002;
export const TICKET_FORMS: Record<number, { name: string; position: number }> = {
  [DEFAULT_TICKET_FORM_ID]: { name: 'Self-Managed and SaaS Support', position: 1 },
  [EMERGENCY_TICKET_FORM_ID]: { name: 'Emergency', position: 2 },
};

/** Zendesk gives every status category a default custom status id. */
export const CUSTOM_STATUS_IDS: Record<Status, number> = {
  new: 360000300001,
  open: 360000300002,
  pending: 360000300003,
  hold: 360000300004,
  solved: 360000300005,
  closed: 360000300006,
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain text from an html_body: enough for comments typed in a composer, not a sanitizer. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export function textToHtml(text: string): string {
  return `<div class="zd-comment" dir="auto">${text
    .split(/\n{2,}/)
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}</div>`;
}

export function commentJson(c: StoredComment, auditId: number): Record<string, unknown> {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.authorId,
    body: c.body,
    html_body: c.htmlBody,
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: auditId,
    via: { channel: c.channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(c.createdAt),
    metadata: { system: { client: 'Zendesk replica', ip_address: '127.0.0.1' }, custom: {} },
  };
}

export function userJson(u: StoredUser, baseUrl: string): Record<string, unknown> {
  const agent = u.role !== 'end-user';
  return {
    id: u.id,
    url: `${baseUrl}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: iso(u.createdAt),
    updated_at: iso(u.createdAt),
    time_zone: u.timeZone,
    iana_time_zone: u.ianaTimeZone,
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: u.organizationId,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: iso(u.createdAt),
    two_factor_auth_enabled: null,
    signature: null,
    details: null,
    notes: null,
    role_type: agent ? (u.role === 'admin' ? 4 : 0) : null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: false,
    chat_only: false,
    default_group_id: u.defaultGroupId,
    report_csv: agent,
    user_fields: {},
  };
}

export function viewJson(v: StoredView, baseUrl: string, createdAt: number): Record<string, unknown> {
  const all: { field: string; operator: string; value: string }[] = [];
  if (v.filter.statusBelow) all.push({ field: 'status', operator: 'less_than', value: v.filter.statusBelow });
  if (v.filter.statusAtLeast) all.push({ field: 'status', operator: 'greater_than_or_equal_to', value: v.filter.statusAtLeast });
  if (v.filter.assignee === 'me') all.push({ field: 'assignee_id', operator: 'is', value: 'current_user' });
  if (v.filter.assignee === 'none') all.push({ field: 'assignee_id', operator: 'is', value: '' });
  const columns = [
    { id: 'subject', title: 'Subject' },
    { id: 'requester', title: 'Requester' },
    { id: 'created', title: 'Requested' },
    { id: 'priority', title: 'Priority' },
    { id: 'assignee', title: 'Assignee' },
  ];
  return {
    url: `${baseUrl}/api/v2/views/${v.id}.json`,
    id: v.id,
    title: v.title,
    active: true,
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
    position: v.position,
    description: v.description,
    default: true,
    execution: {
      group_by: null,
      group_order: 'asc',
      sort_by: 'created',
      sort_order: 'asc',
      sort: { id: 'created', title: 'Requested', order: 'asc' },
      columns,
      fields: columns,
      custom_fields: [],
    },
    conditions: { all, any: [] },
    restriction: null,
    watchable: true,
    raw_title: v.title,
  };
}
