import { describe, expect, it } from 'vitest';
import { metricsFromPreset } from '@/lib/sla/evaluate';
import { resolveCalendar, resolvePreset, resolveSla } from '@/lib/settings/sla-resolve';
import { defaultSlaSettings, type SlaSettings } from '@/lib/settings/sla-settings-schema';
import { SLA_PRESETS } from '@/lib/sla/presets';

const NOW = Date.parse('2026-11-17T18:00:00Z'); // Tuesday 10:00 Pacific, inside GitLab support hours
const HOUR = 3_600_000;
const settings = (patch: Partial<SlaSettings>): SlaSettings => ({ ...defaultSlaSettings(), ...patch });
const ticket = (patch: Record<string, unknown> = {}) => ({ status: 'new' as const, priority: 'high' as const, created_at: new Date(NOW).toISOString(), via: { channel: 'email' }, tags: [], ...patch });

function firstDue(s: SlaSettings, t = ticket()): number | null {
  const { preset, calendar } = resolveSla(s);
  return metricsFromPreset(t as never, undefined, { preset, calendar })[0]?.dueAt ?? null;
}

describe('the preset with the team’s overrides', () => {
  it('is the built-in table when nothing is overridden', () => {
    expect(resolvePreset(defaultSlaSettings())).toEqual(SLA_PRESETS.handbook);
  });

  it('switching the preset moves a High ticket’s deadline from 8 to 4 business hours', () => {
    expect(firstDue(defaultSlaSettings())).toBe(NOW + 8 * HOUR);
    expect(firstDue(settings({ presetId: 'gitlab-current' }))).toBe(NOW + 4 * HOUR);
  });

  it('a per-priority override replaces only that target, in business or calendar time', () => {
    const s = settings({ priorities: { high: { first: { minutes: 90, business: false } } } });
    const preset = resolvePreset(s);
    expect(preset.priorities.high.first_reply_time).toEqual({ amount: 90, unit: 'minutes', label: '90 minutes' });
    expect(preset.priorities.high.next_reply_time).toEqual(SLA_PRESETS.handbook.priorities.high.next_reply_time);
    expect(preset.priorities.normal).toEqual(SLA_PRESETS.handbook.priorities.normal);
    expect(preset.label).toContain('with team overrides');
    expect(firstDue(s)).toBe(NOW + 90 * 60_000);
    expect(resolvePreset(settings({ priorities: { low: { next: { minutes: 600, business: true } } } })).priorities.low.next_reply_time?.label).toBe('10 business hours');
  });

  it('turns a channel rule off, so a tweet falls back to its priority row', () => {
    const tweet = ticket({ priority: 'normal', via: { channel: 'twitter' } });
    expect(firstDue(defaultSlaSettings(), tweet)).not.toBe(firstDue(defaultSlaSettings(), ticket({ priority: 'normal' })));
    const off = settings({ channels: { social: { off: true } } });
    expect(firstDue(off, tweet)).toBe(firstDue(off, ticket({ priority: 'normal' })));
  });

  it('gives the GitLab-current preset the handbook’s community window when the team sets one', () => {
    const s = settings({ presetId: 'gitlab-current', channels: { community: { off: false, opensAfterDays: 1, closesAfterDays: 3 } } });
    const rule = resolvePreset(s).channels.community;
    expect(rule?.first_reply).toMatchObject({ kind: 'window', opens_after: { amount: 1, unit: 'days' }, closes_after: { amount: 3, unit: 'days' } });
    expect(rule?.tags).toContain('stack_overflow');
  });
});

describe('the business calendar', () => {
  it('uses a custom schedule, and its holidays', () => {
    const s = settings({
      businessHours: {
        kind: 'custom',
        schedule: { name: 'Team', time_zone: 'UTC', intervals: [2, 3].map((d) => ({ start_time: d * 1440 + 540, end_time: d * 1440 + 1020 })) },
        holidays: [{ name: 'Off', start_date: '2026-11-18', end_date: '2026-11-18' }],
      },
    });
    const { calendar, problem } = resolveCalendar(s);
    expect(problem).toBeNull();
    expect(calendar.zone).toBe('Etc/UTC');
    // Tuesday 18:00 UTC is closed; Wednesday is a holiday; next opening Tuesday a week later 09:00.
    expect(calendar.nextOpening(NOW)).toBe(Date.parse('2026-11-24T09:00:00Z'));
  });

  it('falls back to the default schedule and says why when a saved one no longer validates', () => {
    const s = settings({ businessHours: { kind: 'custom', schedule: { name: 'x', time_zone: 'Mars/Olympus', intervals: [{ start_time: 0, end_time: 60 }] }, holidays: [] } });
    const { calendar, problem } = resolveCalendar(s);
    expect(calendar.name).toBe('Global Support Hours');
    expect(problem).toContain('unknown time zone');
  });

  it('passes the thresholds through', () => {
    expect(resolveSla(settings({ thresholds: { warningMinutes: 30, criticalMinutes: 5 } })).thresholds).toEqual({ warningMinutes: 30, criticalMinutes: 5 });
  });
});
