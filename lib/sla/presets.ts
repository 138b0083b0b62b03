/**
 * The SLA tables the engine falls back to when Zendesk has no SLA policy on a ticket. They are data (validated
 * with zod like any other input) so a team can add its own table without touching the engine.
 *
 * Metrics, as the engine computes them from a preset:
 * - `first_reply_time` runs from `created_at` until the first public agent reply. Pending/On-hold do not stop it
 *   (GitLab's rule, DOMAIN.md c2): only a reply does.
 * - `next_reply_time` runs from the requester's last update while the ticket is New/Open and has had at least
 *   one agent reply; it is paused while Pending/On-hold and achieved once Solved/Closed.
 * - `answer_window` (community channels in the handbook table) opens some calendar time after creation and
 *   closes later: the handbook wants an answer "within two weeks but not sooner than two days", to give the
 *   community a chance to respond first.
 * Urgent priority always uses the priority row, even on a social or community channel: emergencies first.
 */
import * as z from 'zod/mini';
import { channelOf, TICKET_PRIORITIES, type Ticket } from '../zendesk/schemas';

export const TARGET_UNITS = ['minutes', 'business_minutes', 'business_days', 'days'] as const;

/** `minutes` and `days` are calendar time; `business_days` uses `businessDayMinutes` of the calendar. */
const targetSchema = z.object({
  amount: z.number().check(z.positive()),
  unit: z.enum(TARGET_UNITS),
  label: z.string(),
});
export type PresetTarget = z.infer<typeof targetSchema>;

const rowSchema = z.object({ first_reply_time: targetSchema, next_reply_time: z.nullable(targetSchema) });

const channelRuleSchema = z.object({
  /** `via.channel` values that put a ticket in this class. */
  vias: z.array(z.string()),
  /** Tags that put a ticket in this class (Disqus and Stack Overflow arrive by email or API, tagged). */
  tags: z.array(z.string()),
  first_reply: z.union([
    z.object({ kind: z.literal('deadline'), target: targetSchema }),
    z.object({ kind: z.literal('window'), opens_after: targetSchema, closes_after: targetSchema }),
  ]),
  next_reply_time: z.nullable(targetSchema),
});

export const slaPresetSchema = z.object({
  id: z.string(),
  label: z.string(),
  source: z.string(),
  /** Priority used when a ticket has none (Zendesk allows an empty priority). */
  default_priority: z.enum(TICKET_PRIORITIES),
  priorities: z.object({ urgent: rowSchema, high: rowSchema, normal: rowSchema, low: rowSchema }),
  /** Checked in order: social before community, as the handbook sorts channels by priority. */
  channels: z.object({ social: z.nullable(channelRuleSchema), community: z.nullable(channelRuleSchema) }),
});
export type SlaPreset = z.infer<typeof slaPresetSchema>;
export type ChannelClass = 'social' | 'community' | 'standard';

const minutes = (amount: number): PresetTarget => ({ amount, unit: 'minutes', label: `${amount} minutes` });
const businessHours = (hours: number): PresetTarget => ({
  amount: hours * 60,
  unit: 'business_minutes',
  label: `${hours} business hours`,
});
const both = (target: PresetTarget) => ({ first_reply_time: target, next_reply_time: target });
const oneBusinessDay: PresetTarget = { amount: 1, unit: 'business_days', label: '1 business day' };

const HANDBOOK: SlaPreset = {
  id: 'handbook',
  label: 'GitLab handbook (2016/2017)',
  source: 'handbook/support 2016 (SLA categories, Zendesk SLA settings) and setting_ticket_priority 2017',
  default_priority: 'normal',
  priorities: {
    urgent: both(minutes(30)),
    high: both(businessHours(8)),
    normal: both(businessHours(12)),
    low: both(businessHours(16)),
  },
  channels: {
    social: {
      vias: ['twitter', 'twitter_dm', 'twitter_favorite', 'facebook', 'facebook_post', 'facebook_message'],
      tags: ['disqus'],
      first_reply: { kind: 'deadline', target: oneBusinessDay },
      next_reply_time: oneBusinessDay,
    },
    community: {
      vias: ['forum'],
      tags: ['forum', 'stack_overflow', 'stackoverflow', 'reddit', 'quora', 'issue_tracker'],
      first_reply: {
        kind: 'window',
        opens_after: { amount: 2, unit: 'days', label: '2 days' },
        closes_after: { amount: 14, unit: 'days', label: '2 weeks' },
      },
      // Answers happen on the forum or tracker, not in Zendesk: there is no Zendesk conversation to time.
      next_reply_time: null,
    },
  },
};

const GITLAB_CURRENT: SlaPreset = {
  id: 'gitlab-current',
  label: 'GitLab Support today (24x5)',
  source: 'about.gitlab.com/support/definitions (Support Impact), Global Support Hours schedule',
  default_priority: 'normal',
  priorities: {
    // Emergencies are answered around the clock, so Urgent is calendar time.
    urgent: both(minutes(30)),
    high: both(businessHours(4)),
    normal: both(businessHours(8)),
    low: both(businessHours(24)),
  },
  channels: { social: null, community: null },
};

/** Parses a preset from outside (settings import); a typed failure with readable messages when invalid. */
export function parsePreset(input: unknown): { ok: true; preset: SlaPreset } | { ok: false; error: string } {
  const r = slaPresetSchema.safeParse(input);
  if (r.success) return { ok: true, preset: r.data };
  const detail = r.error.issues.map((i) => `${i.path.map(String).join('.') || 'preset'}: ${i.message}`);
  return { ok: false, error: `Invalid SLA preset: ${detail.join('; ')}` };
}

// The built-in tables go through the same schema as imported ones, so a typo fails the tests, not a badge.
export const SLA_PRESETS = {
  handbook: slaPresetSchema.parse(HANDBOOK),
  'gitlab-current': slaPresetSchema.parse(GITLAB_CURRENT),
} as const satisfies Record<string, SlaPreset>;
export type SlaPresetId = keyof typeof SLA_PRESETS;
export const DEFAULT_PRESET_ID: SlaPresetId = 'handbook';

/** Which handbook channel class a ticket falls in, from `via.channel` and tags; 'standard' when no rule matches. */
export function classifyChannel(
  ticket: Pick<Ticket, 'via' | 'tags'>,
  preset: SlaPreset = SLA_PRESETS[DEFAULT_PRESET_ID],
): ChannelClass {
  const via = channelOf(ticket);
  const tags = ticket.tags ?? [];
  for (const cls of ['social', 'community'] as const) {
    const rule = preset.channels[cls];
    if (rule && (rule.vias.includes(via) || rule.tags.some((t) => tags.includes(t)))) return cls;
  }
  return 'standard';
}
