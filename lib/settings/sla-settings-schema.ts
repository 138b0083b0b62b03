/**
 * The shape of the SLA settings (preset, overrides, state thresholds, business hours): structure only, so
 * lib/storage.ts (read by the popup on its first frame) carries no zone table and no calendar. Whether a
 * schedule's zone exists and its intervals make sense is checked by `createCalendar` before anything is saved
 * (lib/options/sla-forms.ts, lib/settings/file.ts) and again when the worker builds the calendar.
 */
import * as z from 'zod/mini';

export const PRIORITY_KEYS = ['urgent', 'high', 'normal', 'low'] as const;
export type PriorityKey = (typeof PRIORITY_KEYS)[number];
export const SLA_PRESET_IDS = ['handbook', 'gitlab-current'] as const;

const MAX_TARGET_MINUTES = 60 * 24 * 60; // 60 days

/** A target replacing the preset's: so many minutes, of business time or calendar time. */
export const targetOverrideSchema = z.object({
  minutes: z.number().check(z.positive(), z.lte(MAX_TARGET_MINUTES)),
  business: z.boolean(),
});
export type TargetOverride = z.infer<typeof targetOverrideSchema>;

const rowOverrideSchema = z.object({ first: z.optional(targetOverrideSchema), next: z.optional(targetOverrideSchema) });
export type RowOverride = z.infer<typeof rowOverrideSchema>;

const days = z.number().check(z.positive(), z.lte(60));

export const thresholdsSchema = z
  .object({
    warningMinutes: z.number().check(z.int(), z.positive(), z.lte(24 * 60)),
    criticalMinutes: z.number().check(z.int(), z.positive(), z.lte(24 * 60)),
  })
  .check(z.refine((t) => t.criticalMinutes < t.warningMinutes, 'Critical must be fewer minutes before the deadline than warning.'));

const scheduleShapeSchema = z.object({
  name: z.string(),
  time_zone: z.string(),
  intervals: z.array(z.object({ start_time: z.number(), end_time: z.number() })),
});
const holidayShapeSchema = z.object({ name: z.string(), start_date: z.string(), end_date: z.string() });

export const businessHoursSettingSchema = z.discriminatedUnion('kind', [
  /** GitLab Global Support Hours, the schedule both presets are written for. */
  z.object({ kind: z.literal('preset') }),
  /** A Zendesk schedule fetched by id (agents can read one by id, not list them), with holidays typed in. */
  z.object({
    kind: z.literal('zendesk'),
    origin: z.string(),
    scheduleId: z.number().check(z.int(), z.positive()),
    schedule: scheduleShapeSchema,
    holidays: z.array(holidayShapeSchema),
    fetchedAt: z.number(),
  }),
  z.object({ kind: z.literal('custom'), schedule: scheduleShapeSchema, holidays: z.array(holidayShapeSchema) }),
]);
export type BusinessHoursSetting = z.infer<typeof businessHoursSettingSchema>;

export const slaSettingsSchema = z.object({
  presetId: z.enum(SLA_PRESET_IDS),
  /** Per priority, replacing the preset's first and next reply targets; absent keeps the preset's. */
  priorities: z.object({
    urgent: z.optional(rowOverrideSchema),
    high: z.optional(rowOverrideSchema),
    normal: z.optional(rowOverrideSchema),
    low: z.optional(rowOverrideSchema),
  }),
  /** Per channel class: turned off (tickets fall back to their priority's row) or with other targets. */
  channels: z.object({
    social: z.optional(z.object({ off: z.boolean(), first: z.optional(targetOverrideSchema), next: z.optional(targetOverrideSchema) })),
    community: z.optional(z.object({ off: z.boolean(), opensAfterDays: z.optional(days), closesAfterDays: z.optional(days) })),
  }),
  thresholds: thresholdsSchema,
  businessHours: businessHoursSettingSchema,
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;

export function defaultSlaSettings(): SlaSettings {
  return {
    presetId: 'handbook',
    priorities: {},
    channels: {},
    thresholds: { warningMinutes: 60, criticalMinutes: 15 },
    businessHours: { kind: 'preset' },
  };
}
