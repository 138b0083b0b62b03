/**
 * The replica's data and the Zendesk behaviour that changes it (ticket updates, tags, SLA metric
 * transitions). The HTTP layer in server.ts only parses requests and renders JSON.
 */
import {
  STATUS_ORDER,
  iso,
  htmlToText,
  textToHtml,
  type Priority,
  type Status,
  type StoredComment,
  type StoredSchedule,
  type StoredTicket,
  type StoredUser,
  type StoredView,
} from './model.js';
import { buildSeed } from './seed.js';

export interface TicketUpdate {
  comment?: { body?: string; html_body?: string; public?: boolean };
  priority?: Priority | null;
  status?: Status;
  subject?: string;
  type?: StoredTicket['type'];
  assigneeId?: number | null;
  groupId?: number | null;
  tags?: string[];
  additionalTags?: string[];
  removeTags?: string[];
}

export interface AuditEvent {
  id: number;
  type: 'Comment' | 'Change';
  field_name?: string;
  value?: string | number | null;
  previous_value?: string | number | null;
  body?: string;
  html_body?: string;
  public?: boolean;
  author_id?: number;
  attachments?: never[];
}

export interface Audit {
  id: number;
  ticketId: number;
  authorId: number;
  createdAt: number;
  events: AuditEvent[];
}

/** Zendesk lowercases tags and splits them on whitespace. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    for (const tag of raw.toLowerCase().split(/\s+/)) if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export class ReplicaStore {
  users: StoredUser[] = [];
  groups: { id: number; name: string }[] = [];
  organizations: { id: number; name: string }[] = [];
  tickets = new Map<number, StoredTicket>();
  comments: StoredComment[] = [];
  views: StoredView[] = [];
  schedules: StoredSchedule[] = [];
  audits: Audit[] = [];
  seededAt = 0;
  private nextId = 9_500_001;

  constructor(private readonly now: () => number) {
    this.reseed();
  }

  reseed(): void {
    const seed = buildSeed(this.now());
    this.seededAt = this.now();
    this.users = seed.users;
    this.groups = seed.groups;
    this.organizations = seed.organizations;
    this.tickets = new Map(seed.tickets.map((t) => [t.id, t]));
    this.comments = seed.comments;
    this.views = seed.views;
    this.schedules = seed.schedules;
    this.audits = seed.audits;
    this.nextId = 9_500_001;
  }

  /** A live ticket (deleted ones answer 404 like unknown ids). */
  ticket(id: number): StoredTicket | undefined {
    const t = this.tickets.get(id);
    return t && !t.deleted ? t : undefined;
  }

  liveTickets(): StoredTicket[] {
    return [...this.tickets.values()].filter((t) => !t.deleted);
  }

  user(id: number): StoredUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** Agents only: end-users cannot use API tokens. */
  userByEmail(email: string): StoredUser | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.role !== 'end-user');
  }

  commentsOf(ticketId: number): StoredComment[] {
    return this.comments.filter((c) => c.ticketId === ticketId).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  }

  viewTickets(view: StoredView, meId: number): StoredTicket[] {
    const { assignee, statusBelow, statusAtLeast } = view.filter;
    const below = statusBelow ? STATUS_ORDER.indexOf(statusBelow) : Infinity;
    const atLeast = statusAtLeast ? STATUS_ORDER.indexOf(statusAtLeast) : -1;
    return this.liveTickets()
      .filter((t) => STATUS_ORDER.indexOf(t.status) < below && STATUS_ORDER.indexOf(t.status) >= atLeast)
      .filter((t) => (assignee === 'me' ? t.assigneeId === meId : assignee === 'none' ? t.assigneeId === null : true))
      // Views sort oldest request first: the handbook's FIFO order.
      .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  }

  /**
   * Ticket metric set, derived from the comments so it always agrees with the conversation
   * (a handbook-table fallback reads `replies` and who spoke last from it).
   */
  metricSet(t: StoredTicket, baseUrl: string): Record<string, unknown> {
    const comments = this.commentsOf(t.id);
    const agentPublic = comments.filter((c) => c.public && c.authorId !== t.requesterId && this.user(c.authorId)?.role !== 'end-user');
    const fromRequester = comments.filter((c) => c.authorId === t.requesterId);
    const fromAssignee = comments.filter((c) => t.assigneeId !== null && c.authorId === t.assigneeId);
    const last = <T extends { createdAt: number }>(xs: T[]): string | null => {
      const x = xs[xs.length - 1];
      return x ? iso(x.createdAt) : null;
    };
    const firstReply = agentPublic[0];
    const replyMinutes = firstReply ? Math.round((firstReply.createdAt - t.createdAt) / 60_000) : null;
    const resolution = t.solvedAt === null ? null : Math.round((t.solvedAt - t.createdAt) / 60_000);
    return {
      url: `${baseUrl}/api/v2/ticket_metrics/${t.id + 7_000_000}.json`,
      id: t.id + 7_000_000,
      ticket_id: t.id,
      created_at: iso(t.createdAt),
      updated_at: iso(t.updatedAt),
      group_stations: t.groupId === null ? 0 : 1,
      assignee_stations: t.assigneeId === null ? 0 : 1,
      reopens: 0,
      replies: agentPublic.length,
      assignee_updated_at: last(fromAssignee),
      requester_updated_at: last(fromRequester),
      status_updated_at: iso(t.statusUpdatedAt),
      initially_assigned_at: t.assignedAt === null ? null : iso(t.assignedAt),
      assigned_at: t.assignedAt === null ? null : iso(t.assignedAt),
      solved_at: t.solvedAt === null ? null : iso(t.solvedAt),
      latest_comment_added_at: last(comments),
      custom_status_updated_at: iso(t.statusUpdatedAt),
      reply_time_in_minutes: { calendar: replyMinutes, business: replyMinutes },
      first_resolution_time_in_minutes: { calendar: resolution, business: resolution },
      full_resolution_time_in_minutes: { calendar: resolution, business: resolution },
      agent_wait_time_in_minutes: { calendar: null, business: null },
      requester_wait_time_in_minutes: { calendar: null, business: null },
      on_hold_time_in_minutes: { calendar: 0, business: 0 },
    };
  }

  /** Monotonic, second-precision updated_at so `updated_stamp` always changes on a write. */
  private touch(t: StoredTicket): void {
    const now = Math.floor(this.now() / 1000) * 1000;
    t.updatedAt = Math.max(now, Math.floor(t.updatedAt / 1000) * 1000 + 1000);
  }

  setTags(t: StoredTicket, tags: string[]): void {
    t.tags = normalizeTags(tags);
    this.touch(t);
  }

  /** Applies a `PUT /tickets/{id}` body the way Zendesk does, returning the audit it records. */
  updateTicket(t: StoredTicket, update: TicketUpdate, authorId: number): Audit {
    const now = this.now();
    const events: AuditEvent[] = [];
    const change = (field: string, value: string | number | null, previous: string | number | null): void => {
      if (value !== previous) events.push({ id: this.nextId++, type: 'Change', field_name: field, value, previous_value: previous });
    };
    if (update.comment && (update.comment.body || update.comment.html_body)) {
      const html = update.comment.html_body ?? textToHtml(update.comment.body ?? '');
      const body = update.comment.body ?? htmlToText(update.comment.html_body ?? '');
      const isPublic = update.comment.public ?? true;
      const comment: StoredComment = {
        id: this.nextId++,
        ticketId: t.id,
        authorId,
        body,
        htmlBody: html,
        public: isPublic,
        createdAt: now,
        channel: 'web',
      };
      this.comments.push(comment);
      events.push({ id: comment.id, type: 'Comment', body, html_body: html, public: isPublic, author_id: authorId, attachments: [] });
      if (isPublic && authorId !== t.requesterId) this.onPublicAgentReply(t, now);
      // An agent's update moves a New ticket to Open unless a status is given.
      if (update.status === undefined && t.status === 'new') update = { ...update, status: 'open' };
    }
    if (update.subject !== undefined) {
      change('subject', update.subject, t.subject);
      t.subject = update.subject;
    }
    if (update.priority !== undefined) {
      change('priority', update.priority, t.priority);
      t.priority = update.priority;
    }
    if (update.type !== undefined) {
      change('type', update.type, t.type);
      t.type = update.type;
    }
    if (update.assigneeId !== undefined) {
      change('assignee_id', update.assigneeId, t.assigneeId);
      if (update.assigneeId !== null && t.assigneeId === null) t.assignedAt = now;
      t.assigneeId = update.assigneeId;
    }
    if (update.groupId !== undefined) {
      change('group_id', update.groupId, t.groupId);
      t.groupId = update.groupId;
    }
    const tagsBefore = t.tags.join(' ');
    if (update.tags !== undefined) t.tags = normalizeTags(update.tags);
    if (update.additionalTags) t.tags = normalizeTags([...t.tags, ...update.additionalTags]);
    if (update.removeTags) {
      const remove = normalizeTags(update.removeTags);
      t.tags = t.tags.filter((tag) => !remove.includes(tag));
    }
    change('tags', t.tags.join(' '), tagsBefore);
    if (update.status !== undefined && update.status !== t.status) {
      change('status', update.status, t.status);
      this.onStatusChange(t, update.status, now);
    }
    this.touch(t);
    const audit: Audit = { id: this.nextId++, ticketId: t.id, authorId, createdAt: now, events };
    this.audits.push(audit);
    return audit;
  }

  /**
   * A public agent comment fulfils the running reply metrics (first/next reply → achieved) and
   * restarts periodic_update_time with its target, as Zendesk's "reply_time fulfill" event does.
   */
  private onPublicAgentReply(t: StoredTicket, now: number): void {
    for (const m of t.metrics) {
      if (m.stage === 'achieved') continue;
      if (m.metric === 'first_reply_time' || m.metric === 'next_reply_time') {
        m.stage = 'achieved';
        if (m.breachAt === null) m.breachAt = now + (m.remainingMs ?? 0);
        m.remainingMs = null;
      } else if (m.metric === 'periodic_update_time' || m.metric === 'pausable_update_time') {
        if (m.stage === 'active') m.breachAt = now + m.targetMinutes * 60_000;
        else m.remainingMs = m.targetMinutes * 60_000;
      }
    }
  }

  /**
   * Pause semantics, kept deliberately small (REFERENCE.md §1.3, Zendesk's metric-event reference):
   * - requester_wait_time pauses while Pending; agent_work_time and pausable_update_time pause while
   *   Pending or On-hold. Paused metrics drop breach_at and keep the time that was left.
   * - first_reply_time / next_reply_time / periodic_update_time do NOT pause on Pending/On-hold: only a
   *   public agent reply stops them (DOMAIN.md c2: "Pending/On-hold without a public reply does not stop it").
   * - Back to New/Open resumes paused metrics with the time they had left.
   * - Solved/Closed fulfils every metric still running or paused.
   */
  private onStatusChange(t: StoredTicket, status: Status, now: number): void {
    t.status = status;
    t.statusUpdatedAt = now;
    if (status === 'solved' || status === 'closed') {
      t.solvedAt ??= now;
      for (const m of t.metrics) {
        if (m.stage === 'achieved') continue;
        if (m.breachAt === null) m.breachAt = now + (m.remainingMs ?? 0);
        m.stage = 'achieved';
        m.remainingMs = null;
      }
      return;
    }
    t.solvedAt = null;
    for (const m of t.metrics) {
      if (m.stage === 'achieved') continue;
      const pauses =
        (m.metric === 'requester_wait_time' && status === 'pending') ||
        ((m.metric === 'agent_work_time' || m.metric === 'pausable_update_time') && (status === 'pending' || status === 'hold'));
      if (pauses && m.stage === 'active' && m.breachAt !== null) {
        m.remainingMs = m.breachAt - now;
        m.breachAt = null;
        m.stage = 'paused';
      } else if (!pauses && m.stage === 'paused') {
        m.breachAt = now + (m.remainingMs ?? 0);
        m.remainingMs = null;
        m.stage = 'active';
      }
    }
  }
}
