/**
 * A guidance playbook is data: rules (conditions over a ticket) that point at cards (what the handbook says to do,
 * with checklists, reply templates, links and reply checks). Teams import their own as JSON or YAML, so everything
 * here is validated with zod/mini and reported with the field path and the line it came from.
 *
 * Only zod/mini: the guidance content script imports this module to validate the team playbook it reads from
 * storage. Reading files (JSON/YAML with line numbers) and the import preview's diff are in playbook-file.ts, so
 * the `yaml` parser never reaches a Zendesk page.
 */
import * as z from 'zod/mini';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../zendesk/schemas';

import { PATTERN_FLAGS } from './patterns';

export { PATTERN_FLAGS };
const MAX_PATTERN_LENGTH = 500;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, PATTERN_FLAGS);
    return true;
  } catch {
    return false;
  }
}

const idSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'an id: lowercase letters, digits, ".", "_" or "-"'));
const textSchema = z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(10_000));
const patternSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(MAX_PATTERN_LENGTH, `a pattern is at most ${MAX_PATTERN_LENGTH} characters`),
    z.refine(compiles, 'not a valid regular expression'),
  );
/** A pattern with the words a warning uses for it ("the line saying they can email us any time for an update"). */
const labelledPatternSchema = z.strictObject({ pattern: patternSchema, label: z.optional(textSchema) });
export type LabelledPattern = z.infer<typeof labelledPatternSchema>;
const idListSchema = z.array(z.number().check(z.int()));
const tagListSchema = z.array(z.string().check(z.minLength(1)));

export const AGENT_ROLES = ['light_agent', 'agent', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/**
 * One condition. Every key present must hold (a conjunction), so `{ channel: [twitter], status: [new] }` reads as
 * "a new Twitter ticket"; `all`, `any` and `not` nest.
 */
export interface Condition {
  /** `via.channel` is one of these ("email", "web", "twitter", "facebook", "forum", ...). */
  channel?: string[];
  priority?: (typeof TICKET_PRIORITIES)[number][];
  status?: (typeof TICKET_STATUSES)[number][];
  tags?: { any?: string[]; all?: string[]; none?: string[] };
  group?: number[];
  brand?: number[];
  form?: number[];
  /** The address the ticket was sent to (`ticket.recipient`), a pattern. */
  recipient?: string;
  requester_id?: number[];
  /** The requester's email domain, exactly (lowercase), e.g. "gitlab.com". */
  requester_domain?: string[];
  subject?: string;
  description?: string;
  /** Subject or description. */
  text?: string;
  /** Public agent replies so far (the metric set's `replies`); false when the count is unknown. */
  public_replies?: { min?: number; max?: number };
  /** Role of the agent looking at the ticket (from the evaluation context). */
  agent_role?: AgentRole[];
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

const tagsConditionSchema = z
  .strictObject({ any: z.optional(tagListSchema), all: z.optional(tagListSchema), none: z.optional(tagListSchema) })
  .check(
    z.refine((t) => t.any !== undefined || t.all !== undefined || t.none !== undefined, 'give at least one of any, all, none'),
  );

const rangeSchema = z
  .strictObject({
    min: z.optional(z.number().check(z.int(), z.nonnegative())),
    max: z.optional(z.number().check(z.int(), z.nonnegative())),
  })
  .check(
    z.refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both'),
    z.refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not be above max'),
  );

export const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z
    .strictObject({
      channel: z.optional(z.array(z.string().check(z.minLength(1)))),
      priority: z.optional(z.array(z.enum(TICKET_PRIORITIES))),
      status: z.optional(z.array(z.enum(TICKET_STATUSES))),
      tags: z.optional(tagsConditionSchema),
      group: z.optional(idListSchema),
      brand: z.optional(idListSchema),
      form: z.optional(idListSchema),
      recipient: z.optional(patternSchema),
      requester_id: z.optional(idListSchema),
      requester_domain: z.optional(z.array(z.string().check(z.regex(/^[a-z0-9.-]+$/, 'a lowercase domain like gitlab.com')))),
      subject: z.optional(patternSchema),
      description: z.optional(patternSchema),
      text: z.optional(patternSchema),
      public_replies: z.optional(rangeSchema),
      agent_role: z.optional(z.array(z.enum(AGENT_ROLES))),
      all: z.optional(z.array(conditionSchema).check(z.minLength(1))),
      any: z.optional(z.array(conditionSchema).check(z.minLength(1))),
      not: z.optional(conditionSchema),
    })
    .check(z.refine((c) => Object.keys(c).length > 0, 'an empty condition; give at least one field')),
);

/** Only https, and the host is fixed text: a ticket field can fill the path or query, never choose the site. */
function isSafeUrlTemplate(url: string): boolean {
  const m = /^https:\/\/([^/?#]+)/.exec(url);
  return m !== null && m[1] !== undefined && !m[1].includes('{') && !/\s/.test(url);
}

const linkSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  url: z.string().check(z.refine(isSafeUrlTemplate, 'an https:// URL whose host has no placeholders')),
});

const checklistItemSchema = z.strictObject({ id: idSchema, text: textSchema });
const templateSchema = z.strictObject({ id: idSchema, title: textSchema, body: textSchema });

export const REPLY_KINDS = ['public', 'internal', 'any'] as const;

/**
 * A reply check warns (never blocks) while the agent writes. Which draft it applies to comes first
 * (`applies_to`, `first_public_reply_only`); then any of the failing conditions raises the warning.
 */
const replyCheckSchema = z
  .strictObject({
    id: idSchema,
    severity: z.literal('warning'),
    message: textSchema,
    applies_to: z._default(z.enum(REPLY_KINDS), 'public'),
    /** Only while the ticket has no public agent reply yet. */
    first_public_reply_only: z.optional(z.boolean()),
    /** Warn when any of these patterns is absent from the draft. */
    must_contain: z.optional(z.array(labelledPatternSchema)),
    /** Warn when any of these patterns is present. */
    must_not_contain: z.optional(z.array(labelledPatternSchema)),
    /** Warn when the draft is longer, in characters as people count them (code points). */
    max_length: z.optional(z.number().check(z.int(), z.positive())),
    /** Warn on any non-empty draft of the kind `applies_to` names (e.g. a public reply by a light agent). */
    warn_on_any_text: z.optional(z.boolean()),
    /** Warn when the submit sets one of these statuses without a public reply in the same update. */
    status_without_public_reply: z.optional(
      z.strictObject({
        statuses: z.array(z.enum(TICKET_STATUSES)).check(z.minLength(1)),
        /** Only when the team's SLA clock keeps running in those statuses (DOMAIN.md c2). */
        only_while_sla_running: z._default(z.boolean(), true),
      }),
    ),
  })
  .check(
    z.refine(
      (c) =>
        c.must_contain !== undefined ||
        c.must_not_contain !== undefined ||
        c.max_length !== undefined ||
        c.warn_on_any_text === true ||
        c.status_without_public_reply !== undefined,
      'a check needs something to check: must_contain, must_not_contain, max_length, warn_on_any_text or status_without_public_reply',
    ),
  );
export type ReplyCheck = z.infer<typeof replyCheckSchema>;

const cardSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  /** Higher shows first (0..1000). */
  importance: z.number().check(z.int(), z.gte(0), z.lte(1000)),
  why: textSchema,
  handbook: z.strictObject({
    /** Which page the text comes from, e.g. "Support (2016), 000_…". */
    page: textSchema,
    section: textSchema,
    url: z.string().check(z.refine(isSafeUrlTemplate, 'an https:// URL')),
  }),
  checklist: z._default(z.array(checklistItemSchema), []),
  templates: z._default(z.array(templateSchema), []),
  links: z._default(z.array(linkSchema), []),
  checks: z._default(z.array(replyCheckSchema), []),
});
export type Card = z.infer<typeof cardSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type ReplyTemplate = z.infer<typeof templateSchema>;
export type CardLink = z.infer<typeof linkSchema>;

const ruleSchema = z.strictObject({
  id: idSchema,
  /** How the situation is recognised from ticket data, and the assumption behind it (for people, not evaluated). */
  detection: textSchema,
  when: conditionSchema,
  cards: z.array(idSchema).check(z.minLength(1)),
});
export type Rule = z.infer<typeof ruleSchema>;

export const playbookSchema = z
  .strictObject({
    version: z.literal(1),
    name: textSchema,
    rules: z.array(ruleSchema),
    cards: z.array(cardSchema),
  })
  .check(
    z.superRefine((p, ctx) => {
      const fail = (path: (string | number)[], message: string): void => {
        ctx.issues.push({ code: 'custom', message, input: p, path });
      };
      const duplicates = (items: readonly { id: string }[], where: string, what: string): void => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (seen.has(item.id)) fail([where, i, 'id'], `duplicate ${what} id "${item.id}"`);
          seen.add(item.id);
        });
      };
      duplicates(p.rules, 'rules', 'rule');
      duplicates(p.cards, 'cards', 'card');
      const cardIds = new Set(p.cards.map((c) => c.id));
      p.rules.forEach((rule, i) =>
        rule.cards.forEach((id, j) => {
          if (!cardIds.has(id)) fail(['rules', i, 'cards', j], `no card with id "${id}"`);
        }),
      );
      p.cards.forEach((card, i) => {
        for (const key of ['checklist', 'templates', 'links', 'checks'] as const) {
          const seen = new Set<string>();
          card[key].forEach((item, j) => {
            if (seen.has(item.id)) fail(['cards', i, key, j, 'id'], `duplicate ${key} id "${item.id}"`);
            seen.add(item.id);
          });
        }
      });
    }),
  );
export type Playbook = z.infer<typeof playbookSchema>;
/** A playbook as written (defaults not yet applied). */
export type PlaybookInput = z.input<typeof playbookSchema>;

export interface PlaybookError {
  /** Dotted field path, e.g. "rules.3.when.subject"; empty for the whole file. */
  path: string;
  /** 1-based line in the imported text; null when it cannot be placed. */
  line: number | null;
  message: string;
}
export type PlaybookResult = { ok: true; playbook: Playbook } | { ok: false; errors: PlaybookError[] };

export const MAX_PLAYBOOK_BYTES = 1_000_000;

/** Validates a playbook that is already data (e.g. from storage); errors carry paths but no lines. */
export function validatePlaybook(input: unknown): PlaybookResult {
  const r = playbookSchema.safeParse(input);
  if (r.success) return { ok: true, playbook: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: dotted(i.path), line: null, message: issueMessage(i, input) })) };
}

type Issue = z.core.$ZodIssue;

/** zod/mini ships no message locale; these say what a person should change. */
export function issueMessage(issue: Issue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      // zod does not report the input by default; read it from the parsed data.
      const input = valueAt(root, issue.path);
      return input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, got ${describeValue(input)}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.origin === 'string' ? `must be at least ${issue.minimum} character(s)` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} item(s)` : issue.origin === 'string' ? `at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return issue.message !== 'Invalid input' ? issue.message : `not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
