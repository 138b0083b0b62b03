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
import { channelOf, type Ticket } from '../zendesk/schemas';
import type { PresetTarget, SlaPreset } from './preset-schema';

export type { PresetTarget, SlaPreset } from './preset-schema';
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

// The built-in tables are checked against the same schema as imported ones by a test (presets.test.ts), so a
// typo fails the tests, not a badge, and the content script carries no preset schema.
export const SLA_PRESETS = {
  handbook: HANDBOOK,
  'gitlab-current': GITLAB_CURRENT,
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
