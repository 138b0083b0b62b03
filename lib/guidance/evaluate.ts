/**
 * The guidance engine: which cards a ticket gets and why, which warnings a draft reply raises, and template filling.
 * Pure functions over a validated playbook, with no runtime imports beyond ./patterns (no zod, no yaml), so the
 * on-demand panel chunk stays small. Patterns are compiled once per playbook (a WeakMap keyed by the playbook
 * object), so a 200-rule playbook evaluates in microseconds per ticket.
 */
import type { TicketStatus } from '../zendesk/schemas';
import { emailDomain, PATTERN_FLAGS } from './patterns';
import type { Card, CardLink, Condition, Playbook, ReplyCheck } from './playbook-schema';
import type { GuidanceContext, GuidanceTicket } from './ticket';

/**
 * Patterns from an imported playbook run on ticket text; capping the text bounds the cost of a badly written
 * (backtracking) pattern. Handbook situations show in the first lines of a ticket.
 */
export const MAX_MATCHED_TEXT = 20_000;

interface Compiled {
  test(t: GuidanceTicket, ctx: GuidanceContext): boolean;
  /** Human-readable reasons; only called for conditions that hold. */
  explain(t: GuidanceTicket, ctx: GuidanceContext): string[];
  /** What the condition asks, for "not ..." reasons. */
  describe: string;
}

interface CompiledPlaybook {
  rules: { id: string; cards: Card[]; when: Compiled }[];
}

const compiledPlaybooks = new WeakMap<Playbook, CompiledPlaybook>();
const patternCache = new Map<string, RegExp>();

function pattern(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) {
    if (patternCache.size > 2_000) patternCache.clear();
    re = new RegExp(source, PATTERN_FLAGS);
    patternCache.set(source, re);
  }
  return re;
}

const clip = (s: string): string => (s.length > MAX_MATCHED_TEXT ? s.slice(0, MAX_MATCHED_TEXT) : s);
const quoteList = (xs: readonly (string | number)[]): string => xs.map((x) => (typeof x === 'string' ? `"${x}"` : String(x))).join(', ');
const oneOf = (what: string, xs: readonly (string | number)[]): string =>
  xs.length === 1 ? `${what} is ${quoteList(xs)}` : `${what} is one of ${quoteList(xs)}`;

function leaf(test: Compiled['test'], describe: string, explain?: Compiled['explain']): Compiled {
  return { test, describe, explain: explain ?? (() => [describe]) };
}

function compileCondition(c: Condition): Compiled {
  const parts: Compiled[] = [];
  if (c.channel) {
    const set = new Set(c.channel);
    parts.push(leaf((t) => set.has(t.channel), oneOf('channel', c.channel), (t) => [`channel is "${t.channel}"`]));
  }
  if (c.priority) {
    const set = new Set<string>(c.priority);
    parts.push(leaf((t) => t.priority !== null && set.has(t.priority), oneOf('priority', c.priority), (t) => [`priority is ${t.priority}`]));
  }
  if (c.status) {
    const set = new Set<string>(c.status);
    parts.push(leaf((t) => set.has(t.status), oneOf('status', c.status), (t) => [`status is ${t.status}`]));
  }
  if (c.tags) parts.push(compileTags(c.tags));
  const idField = (key: 'group' | 'brand' | 'form', ids: number[], get: (t: GuidanceTicket) => number | null): void => {
    const set = new Set(ids);
    parts.push(leaf((t) => { const v = get(t); return v !== null && set.has(v); }, oneOf(key, ids), (t) => [`${key} is ${get(t)}`]));
  };
  if (c.group) idField('group', c.group, (t) => t.groupId);
  if (c.brand) idField('brand', c.brand, (t) => t.brandId);
  if (c.form) idField('form', c.form, (t) => t.formId);
  if (c.requester_id) {
    const set = new Set(c.requester_id);
    parts.push(leaf((t) => t.requester.id !== null && set.has(t.requester.id), oneOf('requester', c.requester_id), (t) => [`requester is ${t.requester.id}`]));
  }
  if (c.requester_domain) {
    const set = new Set(c.requester_domain);
    parts.push(
      leaf(
        (t) => { const d = emailDomain(t.requester.email); return d !== null && set.has(d); },
        oneOf("requester's email domain", c.requester_domain),
        (t) => [`requester's email is at ${emailDomain(t.requester.email)}`],
      ),
    );
  }
  if (c.recipient !== undefined) {
    const re = pattern(c.recipient);
    parts.push(leaf((t) => t.recipient !== null && re.test(t.recipient), `recipient matches /${c.recipient}/`, (t) => [`sent to ${t.recipient}`]));
  }
  const textField = (label: string, source: string, get: (t: GuidanceTicket) => string): void => {
    const re = pattern(source);
    parts.push(
      leaf((t) => re.test(clip(get(t))), `${label} matches /${source}/`, (t) => {
        const m = re.exec(clip(get(t)));
        return [`${label} mentions "${(m?.[0] ?? '').trim().slice(0, 60)}"`];
      }),
    );
  };
  if (c.subject !== undefined) textField('subject', c.subject, (t) => t.subject);
  if (c.description !== undefined) textField('description', c.description, (t) => t.description);
  if (c.text !== undefined) textField('ticket', c.text, (t) => `${t.subject}\n${t.description}`);
  if (c.public_replies) {
    const { min, max } = c.public_replies;
    const describe =
      min !== undefined && max !== undefined ? `${min} to ${max} public replies`
      : min !== undefined ? `at least ${min} public replies`
      : `at most ${max} public replies`;
    parts.push(
      leaf(
        (t) => t.publicReplies !== null && (min === undefined || t.publicReplies >= min) && (max === undefined || t.publicReplies <= max),
        describe,
        (t) => [`${t.publicReplies} public ${t.publicReplies === 1 ? 'reply' : 'replies'} so far (${describe})`],
      ),
    );
  }
  if (c.agent_role) {
    const set = new Set<string>(c.agent_role);
    parts.push(
      leaf(
        (_t, ctx) => ctx.agent?.role != null && set.has(ctx.agent.role),
        oneOf('your role', c.agent_role),
        (_t, ctx) => [`you are signed in as ${ctx.agent?.role === 'light_agent' ? 'a light agent' : `an ${ctx.agent?.role}`}`],
      ),
    );
  }
  if (c.all) {
    const kids = c.all.map(compileCondition);
    parts.push({
      test: (t, ctx) => kids.every((k) => k.test(t, ctx)),
      explain: (t, ctx) => kids.flatMap((k) => k.explain(t, ctx)),
      describe: `all of (${kids.map((k) => k.describe).join('; ')})`,
    });
  }
  if (c.any) {
    const kids = c.any.map(compileCondition);
    parts.push({
      test: (t, ctx) => kids.some((k) => k.test(t, ctx)),
      explain: (t, ctx) => kids.filter((k) => k.test(t, ctx)).flatMap((k) => k.explain(t, ctx)),
      describe: `any of (${kids.map((k) => k.describe).join('; ')})`,
    });
  }
  if (c.not) {
    const kid = compileCondition(c.not);
    parts.push(leaf((t, ctx) => !kid.test(t, ctx), `not ${kid.describe}`));
  }
  if (parts.length === 1 && parts[0]) return parts[0];
  return {
    test: (t, ctx) => parts.every((p) => p.test(t, ctx)),
    explain: (t, ctx) => parts.flatMap((p) => p.explain(t, ctx)),
    describe: parts.map((p) => p.describe).join(' and '),
  };
}

function compileTags(tags: NonNullable<Condition['tags']>): Compiled {
  const any = tags.any ? new Set(tags.any.map((x) => x.toLowerCase())) : null;
  const all = tags.all?.map((x) => x.toLowerCase()) ?? null;
  const none = tags.none ? new Set(tags.none.map((x) => x.toLowerCase())) : null;
  const describe = [
    tags.any && `tagged ${tags.any.length === 1 ? quoteList(tags.any) : `any of ${quoteList(tags.any)}`}`,
    tags.all && `tagged all of ${quoteList(tags.all)}`,
    tags.none && `tagged none of ${quoteList(tags.none)}`,
  ].filter(Boolean).join(' and ');
  return {
    test: (t) => {
      if (any && !t.tags.some((x) => any.has(x))) return false;
      if (all && !all.every((x) => t.tags.includes(x))) return false;
      if (none && t.tags.some((x) => none.has(x))) return false;
      return true;
    },
    explain: (t) => {
      const out: string[] = [];
      if (any) out.push(`tagged ${quoteList(t.tags.filter((x) => any.has(x)))}`);
      if (all) out.push(`tagged ${quoteList(all)}`);
      if (none && tags.none) out.push(`not tagged ${quoteList(tags.none)}`);
      return out;
    },
    describe,
  };
}

function compiled(playbook: Playbook): CompiledPlaybook {
  let c = compiledPlaybooks.get(playbook);
  if (!c) {
    const cards = new Map(playbook.cards.map((card) => [card.id, card]));
    c = {
      rules: playbook.rules.map((r) => ({
        id: r.id,
        when: compileCondition(r.when),
        cards: r.cards.map((id) => cards.get(id)).filter((x): x is Card => x !== undefined),
      })),
    };
    compiledPlaybooks.set(playbook, c);
  }
  return c;
}

export interface CardMatch {
  card: Card;
  /** Rules that brought the card, in playbook order. */
  rules: string[];
  /** Why, in words ("channel is \"twitter\"", "tagged \"security\""); no duplicates. */
  reasons: string[];
}

/** Ids of the rules a ticket meets, in playbook order (for tests and the bench; the panel uses matchCards). */
export function matchRules(playbook: Playbook, ticket: GuidanceTicket, context: GuidanceContext = {}): string[] {
  return compiled(playbook).rules.filter((r) => r.when.test(ticket, context)).map((r) => r.id);
}

/** The cards for a ticket, most important first (ties keep playbook order), each with why it matched. */
export function matchCards(playbook: Playbook, ticket: GuidanceTicket, context: GuidanceContext = {}): CardMatch[] {
  const byCard = new Map<string, CardMatch>();
  for (const rule of compiled(playbook).rules) {
    if (!rule.when.test(ticket, context)) continue;
    const reasons = rule.when.explain(ticket, context);
    for (const card of rule.cards) {
      let m = byCard.get(card.id);
      if (!m) {
        m = { card, rules: [], reasons: [] };
        byCard.set(card.id, m);
      }
      m.rules.push(rule.id);
      for (const r of reasons) if (!m.reasons.includes(r)) m.reasons.push(r);
    }
  }
  const order = new Map(playbook.cards.map((c, i) => [c.id, i]));
  return [...byCard.values()].sort(
    (a, b) => b.card.importance - a.card.importance || (order.get(a.card.id) ?? 0) - (order.get(b.card.id) ?? 0),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Reply checks

export interface DraftReply {
  text: string;
  /** Public reply (true) or internal note (false). */
  public: boolean;
  /** The status the agent is submitting as, when it changes. */
  newStatus?: TicketStatus | null;
}

export interface ReplyContext {
  /** The ticket has no public agent reply yet (metric set `replies === 0`). */
  firstPublicReply: boolean;
  /**
   * The team's reply clock keeps running in Pending and On-hold until a public reply (GitLab's policy, DOMAIN.md c2):
   * true when the ticket has an active first/next reply metric that Pending does not pause.
   */
  slaKeepsRunning: boolean;
}

export interface ReplyWarning {
  cardId: string;
  checkId: string;
  severity: 'warning';
  message: string;
  /** What exactly is wrong with this draft ("312 characters, 32 over the limit of 280"). */
  details: string[];
}

/** Characters as people (and Twitter) count them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Runs the matched cards' checks on a draft. Warnings only: the caller shows them and never blocks sending. */
export function checkReply(cards: readonly (Card | CardMatch)[], draft: DraftReply, context: ReplyContext): ReplyWarning[] {
  const out: ReplyWarning[] = [];
  for (const entry of cards) {
    const card = 'card' in entry ? entry.card : entry;
    for (const check of card.checks) {
      const details = runCheck(check, draft, context);
      // The same check on two matched cards (e.g. the Pending guard) warns once.
      if (details.length && !out.some((w) => w.checkId === check.id && w.message === check.message)) out.push({ cardId: card.id, checkId: check.id, severity: 'warning', message: check.message, details });
    }
  }
  return out;
}

function runCheck(check: ReplyCheck, draft: DraftReply, ctx: ReplyContext): string[] {
  const details: string[] = [];
  const text = draft.text.trim();
  const status = check.status_without_public_reply;
  if (status && draft.newStatus && status.statuses.includes(draft.newStatus)) {
    const hasPublicReply = draft.public && text.length > 0;
    if (!hasPublicReply && (!status.only_while_sla_running || ctx.slaKeepsRunning)) {
      details.push(`setting ${draft.newStatus === 'hold' ? 'On-hold' : 'Pending'} without a public reply does not stop the reply clock`);
    }
  }
  const kindApplies = check.applies_to === 'any' || (check.applies_to === 'public') === draft.public;
  if (!kindApplies || text.length === 0) return details;
  if (check.first_public_reply_only && !ctx.firstPublicReply) return details;
  const body = clip(text);
  for (const p of check.must_contain ?? []) {
    if (!pattern(p.pattern).test(body)) details.push(`missing: ${p.label ?? `text matching /${p.pattern}/`}`);
  }
  for (const p of check.must_not_contain ?? []) {
    const m = pattern(p.pattern).exec(body);
    if (m) details.push(`says "${m[0]}"${p.label ? ` (${p.label})` : ''}`);
  }
  if (check.max_length !== undefined) {
    const n = characterCount(text);
    if (n > check.max_length) details.push(`${n} characters, ${n - check.max_length} over the limit of ${check.max_length}`);
  }
  if (check.warn_on_any_text) details.push(draft.public ? 'this is a public reply' : 'this is an internal note');
  return details;
}

// ---------------------------------------------------------------------------------------------------------------
// Templates

export type TemplateFields = Readonly<Record<string, string | number | null | undefined>>;

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\s*\}\}/gi;

export interface FilledTemplate {
  text: string;
  /** Placeholders left as written because the field is unknown or empty; the UI points at them. */
  missing: string[];
}

/**
 * Fills `{{field}}` placeholders with plain text. One pass: a value that itself contains `{{...}}` or markup is
 * inserted as written and never expanded or interpreted. Unknown or empty fields stay visible as `{{field}}`.
 * The result is text; the UI inserts it as text, never as HTML.
 */
export function fillTemplate(template: string, fields: TemplateFields): FilledTemplate {
  return fill(template, fields, (v) => v);
}

/**
 * Fills a link's URL template: values are URL-encoded, and the link is usable only when every placeholder has a
 * value (`url: null` otherwise, with the missing fields named).
 */
export function fillLink(link: CardLink, fields: TemplateFields): { id: string; title: string; url: string | null; missing: string[] } {
  const r = fill(link.url, fields, encodeURIComponent);
  return { id: link.id, title: link.title, url: r.missing.length ? null : r.text, missing: r.missing };
}

function fill(template: string, fields: TemplateFields, encode: (v: string) => string): FilledTemplate {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.toLowerCase();
    const value = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (value === undefined || value === null || value === '') {
      if (!missing.includes(key)) missing.push(key);
      return whole;
    }
    return encode(String(value));
  });
  return { text, missing };
}

/** The fields templates can use, from the ticket and the agent. */
export function templateFields(ticket: GuidanceTicket, context: GuidanceContext = {}): Record<string, string | number | null> {
  const name = ticket.requester.name?.trim() || null;
  const agentName = context.agent?.name?.trim() || null;
  return {
    'ticket.id': ticket.id,
    'ticket.subject': ticket.subject || null,
    'ticket.channel': ticket.channel,
    'ticket.recipient': ticket.recipient,
    'requester.name': name,
    'requester.first_name': name ? (name.split(/\s+/)[0] ?? name) : null,
    'requester.email': ticket.requester.email,
    'requester.external_id': ticket.requester.externalId,
    'requester.id': ticket.requester.id,
    'agent.name': agentName,
    'agent.first_name': agentName ? (agentName.split(/\s+/)[0] ?? agentName) : null,
  };
}
