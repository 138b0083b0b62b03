/**
 * The zod schema of an SLA preset, for presets that come from outside (settings, imports) and for the test that
 * checks the built-in tables. Kept apart from the tables so the content script does not carry it.
 */
import * as z from 'zod/mini';
import { TICKET_PRIORITIES } from '../zendesk/schemas';

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

/** Parses a preset from outside (settings import); a typed failure with readable messages when invalid. */
export function parsePreset(input: unknown): { ok: true; preset: SlaPreset } | { ok: false; error: string } {
  const r = slaPresetSchema.safeParse(input);
  if (r.success) return { ok: true, preset: r.data };
  const detail = r.error.issues.map((i) => `${i.path.map(String).join('.') || 'preset'}: ${i.message}`);
  return { ok: false, error: `Invalid SLA preset: ${detail.join('; ')}` };
}

