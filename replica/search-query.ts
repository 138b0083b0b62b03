/**
 * A small subset of Zendesk's search query language (REFERENCE.md §1.4), enough for the queries the
 * extension and the agent SPA send: `type:`, `assignee:`, `status`/`priority` with `:` `<` `>` `<=` `>=`,
 * `tags:`, `via:`, `requester:`, `group:`, `created`/`updated` dates, `-` negation, quoted phrases and
 * free words matched against subject and description. Unknown keywords match nothing, like a typo on Zendesk.
 */
import { PRIORITY_ORDER, STATUS_ORDER, type Priority, type Status, type StoredTicket } from './model.js';

type Op = ':' | '<' | '>' | '<=' | '>=';
export interface Term {
  negated: boolean;
  key: string | null;
  op: Op;
  value: string;
}

export interface ParsedQuery {
  terms: Term[];
  /** `order_by:`/`sort:` inside the query, as Zendesk allows. */
  orderBy: string | null;
  sort: 'asc' | 'desc' | null;
}

const TOKEN = /(-)?(?:([a-z_]+)(<=|>=|:|<|>))?("([^"]*)"|\S+)/gi;

export function parseSearchQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { terms: [], orderBy: null, sort: null };
  for (const m of query.matchAll(TOKEN)) {
    const negated = m[1] === '-';
    const key = m[2]?.toLowerCase() ?? null;
    const op = (m[3] ?? ':') as Op;
    const value = (m[5] ?? m[4] ?? '').toLowerCase();
    if (key === 'order_by') parsed.orderBy = value;
    else if (key === 'sort') parsed.sort = value === 'asc' ? 'asc' : 'desc';
    else parsed.terms.push({ negated, key, op, value });
  }
  return parsed;
}

export interface MatchContext {
  meId: number | null;
  userName(id: number): string | null;
  userEmail(id: number): string | null;
  groupName(id: number): string | null;
}

function compareOrdered<T extends string>(order: readonly T[], actual: T | null, op: Op, wanted: string): boolean {
  if (actual === null) return op === ':' && (wanted === 'none' || wanted === '-');
  const a = order.indexOf(actual);
  const w = order.indexOf(wanted as T);
  if (w < 0) return false;
  switch (op) {
    case ':':
      return a === w;
    case '<':
      return a < w;
    case '>':
      return a > w;
    case '<=':
      return a <= w;
    case '>=':
      return a >= w;
  }
}

function compareDate(actualMs: number, op: Op, wanted: string): boolean {
  const w = Date.parse(wanted);
  if (Number.isNaN(w)) return false;
  const day = 86_400_000;
  switch (op) {
    case ':':
      return actualMs >= w && actualMs < w + day;
    case '<':
      return actualMs < w;
    case '>':
      return actualMs >= w + day;
    case '<=':
      return actualMs < w + day;
    case '>=':
      return actualMs >= w;
  }
}

function personMatches(id: number | null, value: string, ctx: MatchContext): boolean {
  if (value === 'none') return id === null;
  if (id === null) return false;
  if (value === 'me') return id === ctx.meId;
  if (/^\d+$/.test(value)) return id === Number(value);
  return ctx.userEmail(id)?.toLowerCase() === value || (ctx.userName(id)?.toLowerCase().includes(value) ?? false);
}

function termMatches(t: StoredTicket, term: Term, ctx: MatchContext): boolean {
  const v = term.value;
  switch (term.key) {
    case null: {
      const haystack = `${t.subject}\n${t.description}`.toLowerCase();
      return /^\d+$/.test(v) ? t.id === Number(v) || haystack.includes(v) : haystack.includes(v);
    }
    case 'type':
      // Only tickets live in the replica; `type:user` etc. find nothing.
      return v === 'ticket';
    case 'ticket_type':
      return t.type === v;
    case 'status':
      return compareOrdered<Status>(STATUS_ORDER, t.status, term.op, v);
    case 'priority':
      return compareOrdered<Priority>(PRIORITY_ORDER, t.priority, term.op, v);
    case 'assignee':
      return personMatches(t.assigneeId, v, ctx);
    case 'requester':
      return personMatches(t.requesterId, v, ctx);
    case 'submitter':
      return personMatches(t.submitterId, v, ctx);
    case 'group':
      if (v === 'none') return t.groupId === null;
      return t.groupId !== null && (t.groupId === Number(v) || ctx.groupName(t.groupId)?.toLowerCase() === v);
    case 'tags':
    case 'tag':
      return v === 'none' ? t.tags.length === 0 : t.tags.includes(v);
    case 'via':
      return t.channel === v;
    case 'subject':
      return t.subject.toLowerCase().includes(v);
    case 'description':
      return t.description.toLowerCase().includes(v);
    case 'created':
      return compareDate(t.createdAt, term.op, v);
    case 'updated':
      return compareDate(t.updatedAt, term.op, v);
    case 'solved':
      return t.solvedAt !== null && compareDate(t.solvedAt, term.op, v);
    default:
      return false;
  }
}

export function matchesQuery(t: StoredTicket, q: ParsedQuery, ctx: MatchContext): boolean {
  return q.terms.every((term) => termMatches(t, term, ctx) !== term.negated);
}

/** True when the query asks for a result type other than tickets: the replica holds only tickets. */
export function wantsOnlyOtherTypes(q: ParsedQuery): boolean {
  return q.terms.some((t) => t.key === 'type' && !t.negated && t.value !== 'ticket');
}

export function sortTickets(tickets: StoredTicket[], sortBy: string | null, order: 'asc' | 'desc' | null): StoredTicket[] {
  const dir = order === 'asc' ? 1 : -1;
  const key = (t: StoredTicket): number => {
    switch (sortBy) {
      case 'created_at':
        return t.createdAt;
      case 'updated_at':
        return t.updatedAt;
      case 'priority':
        return t.priority === null ? -1 : PRIORITY_ORDER.indexOf(t.priority);
      case 'status':
        return STATUS_ORDER.indexOf(t.status);
      case 'ticket_type':
        return t.type === null ? -1 : ['problem', 'incident', 'question', 'task'].indexOf(t.type);
      default:
        return t.id;
    }
  };
  // Without sort_by Zendesk orders by relevance; the replica's stand-in is ascending id.
  if (sortBy === null) return [...tickets].sort((a, b) => a.id - b.id);
  return [...tickets].sort((a, b) => (key(a) - key(b)) * dir || a.id - b.id);
}
