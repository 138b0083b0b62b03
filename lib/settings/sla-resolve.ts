/**
 * From the SLA settings to what the engine computes with: the preset with the team's overrides, the business
 * calendar, the state thresholds. Used by the worker (badges' clocks, the poller's alerts) and the options page
 * (previews). Memoised on the settings' JSON, so reading settings on every page message costs no rebuild.
 */
import { createCalendar, gitlabCalendar, type BusinessCalendar } from '../sla/business-hours';
import { SLA_PRESETS, type PresetTarget, type SlaPreset } from '../sla/presets';
import type { SlaThresholds } from '../sla/types';
import { PRIORITY_KEYS, type SlaSettings, type TargetOverride } from './sla-settings-schema';

export interface ResolvedSla {
  preset: SlaPreset;
  calendar: BusinessCalendar;
  thresholds: SlaThresholds;
  /** Why the saved business hours could not be used (the default schedule is used instead), or null. */
  problem: string | null;
}

function hoursText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
}

export function targetOf(o: TargetOverride): PresetTarget {
  return o.business
    ? { amount: o.minutes, unit: 'business_minutes', label: `${hoursText(o.minutes).replace(/^(\S+) /, '$1 business ')}` }
    : { amount: o.minutes, unit: 'minutes', label: hoursText(o.minutes) };
}

const daysTarget = (n: number): PresetTarget => ({ amount: n, unit: 'days', label: `${n} day${n === 1 ? '' : 's'}` });

/** The preset with the team's overrides applied; a new object, the built-in tables are never changed. */
export function resolvePreset(settings: SlaSettings): SlaPreset {
  const base = SLA_PRESETS[settings.presetId];
  const priorities = { ...base.priorities };
  for (const p of PRIORITY_KEYS) {
    const o = settings.priorities[p];
    if (!o) continue;
    priorities[p] = {
      first_reply_time: o.first ? targetOf(o.first) : base.priorities[p].first_reply_time,
      next_reply_time: o.next ? targetOf(o.next) : base.priorities[p].next_reply_time,
    };
  }
  // A preset without a channel rule borrows the handbook's channel list when the team sets targets for it.
  const handbook = SLA_PRESETS.handbook.channels;
  let social = base.channels.social;
  const s = settings.channels.social;
  if (s?.off) social = null;
  else if (s && (s.first || s.next)) {
    const rule = social ?? handbook.social!;
    social = {
      ...rule,
      first_reply: s.first ? { kind: 'deadline', target: targetOf(s.first) } : rule.first_reply,
      next_reply_time: s.next ? targetOf(s.next) : rule.next_reply_time,
    };
  }
  let community = base.channels.community;
  const c = settings.channels.community;
  if (c?.off) community = null;
  else if (c && (c.opensAfterDays || c.closesAfterDays)) {
    const rule = community ?? handbook.community!;
    const window = rule.first_reply.kind === 'window' ? rule.first_reply : handbook.community!.first_reply;
    if (window.kind === 'window') {
      community = {
        ...rule,
        first_reply: {
          kind: 'window',
          opens_after: c.opensAfterDays ? daysTarget(c.opensAfterDays) : window.opens_after,
          closes_after: c.closesAfterDays ? daysTarget(c.closesAfterDays) : window.closes_after,
        },
      };
    }
  }
  const changed = Object.keys(settings.priorities).length > 0 || settings.channels.social || settings.channels.community;
  return {
    ...base,
    label: changed ? `${base.label}, with team overrides` : base.label,
    priorities,
    channels: { social, community },
  };
}

export function resolveCalendar(settings: SlaSettings): { calendar: BusinessCalendar; problem: string | null } {
  const bh = settings.businessHours;
  if (bh.kind === 'preset') return { calendar: gitlabCalendar('global'), problem: null };
  const made = createCalendar(bh.schedule, bh.holidays);
  if (made.ok) return { calendar: made.calendar, problem: null };
  return { calendar: gitlabCalendar('global'), problem: `${made.error}. Using GitLab Global Support Hours instead.` };
}

let memo: { key: string; value: ResolvedSla } | null = null;

export function resolveSla(settings: SlaSettings): ResolvedSla {
  const key = JSON.stringify(settings);
  if (memo?.key === key) return memo.value;
  const { calendar, problem } = resolveCalendar(settings);
  const value = { preset: resolvePreset(settings), calendar, thresholds: { ...settings.thresholds }, problem };
  memo = { key, value };
  return value;
}
