import { describe, expect, it } from 'vitest';
import {
  businessHoursFormOf,
  formatHolidays,
  formatIntervals,
  parseBusinessHoursForm,
  parseCustomDomain,
  parseEscalationForm,
  parseHolidays,
  parseIntervals,
  parseShiftForm,
  parseSlaForm,
  slaFormOf,
  type BusinessHoursForm,
} from '@/lib/options/sla-forms';
import { defaultSlaSettings } from '@/lib/settings/sla-settings-schema';

describe('the SLA form', () => {
  it('saves nothing but the preset and thresholds when every target is blank', () => {
    const r = parseSlaForm(slaFormOf(defaultSlaSettings()));
    expect(r).toEqual({ ok: true, value: { presetId: 'handbook', priorities: {}, channels: {}, thresholds: { warningMinutes: 60, criticalMinutes: 15 } } });
  });

  it('reads hours (decimal comma too) into minutes, in business or calendar time, and shows them back', () => {
    const form = slaFormOf(defaultSlaSettings());
    form.priorities.high.first = { hours: '2,5', business: false };
    form.priorities.low.next = { hours: '20', business: true };
    form.social.first = '4';
    form.community = { off: false, opensDays: '1', closesDays: '' };
    const r = parseSlaForm(form);
    expect(r.ok && r.value.priorities).toEqual({ high: { first: { minutes: 150, business: false } }, low: { next: { minutes: 1200, business: true } } });
    expect(r.ok && r.value.channels).toEqual({ social: { off: false, first: { minutes: 240, business: true } }, community: { off: false, opensAfterDays: 1 } });
    const back = slaFormOf({ ...defaultSlaSettings(), ...(r.ok ? r.value : {}) });
    expect(back.priorities.high.first).toEqual({ hours: '2.5', business: false });
  });

  it.each([
    [(f: ReturnType<typeof slaFormOf>) => (f.priorities.urgent.first.hours = 'soon'), 'urgent.first', 'Hours as a number'],
    [(f: ReturnType<typeof slaFormOf>) => (f.priorities.normal.next.hours = '0'), 'normal.next', 'greater than 0'],
    [(f: ReturnType<typeof slaFormOf>) => (f.critical = '90'), 'critical', 'closer to the deadline than warning'],
    [(f: ReturnType<typeof slaFormOf>) => (f.warning = '-1'), 'warning', 'whole number from 1 to 1440'],
    [(f: ReturnType<typeof slaFormOf>) => (f.community.opensDays = '20'), 'community.closes', 'close after it opens'],
    [(f: ReturnType<typeof slaFormOf>) => (f.community.closesDays = '1.5'), 'community.closes', 'Whole days'],
  ])('refuses a bad value at its field (%#)', (change, field, message) => {
    const form = slaFormOf(defaultSlaSettings());
    change(form);
    const r = parseSlaForm(form);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[field]).toContain(message);
  });
});

describe('weekly intervals and holidays', () => {
  it('reads day ranges into Zendesk minutes since Sunday and writes them back one per day', () => {
    const r = parseIntervals('Mon-Fri 09:00-17:00\nsunday 15:00-24:00');
    expect(r.ok && r.intervals).toHaveLength(6);
    expect(r.ok && r.intervals[0]).toEqual({ start_time: 1440 + 540, end_time: 1440 + 1020 });
    expect(r.ok && r.intervals.at(-1)).toEqual({ start_time: 900, end_time: 1440 });
    expect(formatIntervals({ intervals: [{ start_time: 900, end_time: 1440 }] })).toBe('Sun 15:00-24:00');
  });

  it.each([
    ['Mon 17:00-09:00', 'end must be after the start'],
    ['Fri-Mon 09:00-17:00', 'not backwards'],
    ['Mon 09:00-25:00', '00:00 to 24:00'],
    ['Mondays nine to five', 'Line 1'],
    ['', 'at least one'],
  ])('refuses "%s"', (text, message) => {
    const r = parseIntervals(text);
    expect(!r.ok && r.error).toContain(message);
  });

  it('reads single days and ranges of holidays, named or not', () => {
    const r = parseHolidays('2026-12-25 Christmas\n2026-12-31..2027-01-01\n');
    expect(r.ok && r.holidays).toEqual([
      { name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-25' },
      { name: 'Holiday', start_date: '2026-12-31', end_date: '2027-01-01' },
    ]);
    expect(r.ok && formatHolidays(r.holidays)).toBe('2026-12-25 Christmas\n2026-12-31..2027-01-01 Holiday');
    expect(parseHolidays('2026-02-30 Nope').ok).toBe(false);
    expect(parseHolidays('2026-12-26..2026-12-24 Back').ok).toBe(false);
  });
});

describe('the business-hours form', () => {
  const custom = (patch: Partial<BusinessHoursForm>): BusinessHoursForm => ({ ...businessHoursFormOf({ kind: 'preset' }, ''), kind: 'custom', zone: 'Europe/Amsterdam', ...patch });

  it('saves a custom schedule checked by the engine', () => {
    const r = parseBusinessHoursForm(custom({ holidays: '2026-12-25 Christmas' }));
    expect(r.ok && r.value).toMatchObject({ kind: 'custom', schedule: { time_zone: 'Europe/Amsterdam' }, holidays: [{ name: 'Christmas' }] });
  });

  it('refuses an unknown zone, bad lines and a Zendesk schedule not fetched yet, each at its field', () => {
    expect(parseBusinessHoursForm(custom({ zone: 'Mars/Olympus' }))).toMatchObject({ ok: false, errors: { zone: expect.stringContaining('Unknown time zone') } });
    expect(parseBusinessHoursForm(custom({ intervals: 'Mon 10:00-11:00\nMon 10:30-12:00' }))).toMatchObject({ ok: false, errors: { intervals: expect.stringContaining('overlaps') } });
    expect(parseBusinessHoursForm(custom({ holidays: 'Christmas' }))).toMatchObject({ ok: false, errors: { holidays: expect.stringContaining('Line 1') } });
    expect(parseBusinessHoursForm({ ...custom({}), kind: 'zendesk', scheduleId: '5' })).toMatchObject({ ok: false, errors: { scheduleId: expect.stringContaining('Fetch') } });
  });

  it('keeps a fetched Zendesk schedule with its id and origin', () => {
    const schedule = { name: 'Support', time_zone: 'Pacific Time (US & Canada)', intervals: [{ start_time: 1980, end_time: 2460 }] };
    const r = parseBusinessHoursForm({ ...custom({}), kind: 'zendesk', origin: 'https://acme.zendesk.com', scheduleId: '7', fetched: { schedule, fetchedAt: 1 } });
    expect(r).toEqual({ ok: true, value: { kind: 'zendesk', origin: 'https://acme.zendesk.com', scheduleId: 7, schedule, holidays: [], fetchedAt: 1 } });
  });
});

describe('shift, escalation and custom domains', () => {
  it('reads the shift, blank zone meaning this computer', () => {
    expect(parseShiftForm({ end: '18:30', zone: '' })).toEqual({ ok: true, value: { end: '18:30', zone: 'local' } });
    expect(parseShiftForm({ end: '6pm', zone: 'Nowhere/City' })).toMatchObject({ ok: false, errors: { shiftEnd: expect.any(String), shiftZone: expect.stringContaining('Unknown') } });
  });

  it('accepts only a Slack incoming webhook, and a valid tag', () => {
    const ok = { starTag: 'star', formUrlTemplate: '', slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X' };
    expect(parseEscalationForm(ok).ok).toBe(true);
    expect(parseEscalationForm({ ...ok, slackWebhookUrl: 'https://example.com/hook' })).toMatchObject({ ok: false, errors: { slackWebhookUrl: expect.stringContaining('hooks.slack.com/services') } });
    expect(parseEscalationForm({ ...ok, starTag: 'two words' })).toMatchObject({ ok: false, errors: { starTag: expect.stringContaining('no spaces') } });
    expect(parseEscalationForm({ ...ok, formUrlTemplate: 'http://forms.example.com' })).toMatchObject({ ok: false, errors: { formUrlTemplate: expect.stringContaining('https://') } });
  });

  it.each([
    ['support.example.com', 'https://support.example.com', 'https://support.example.com/*'],
    ['HTTPS://Support.Example.com/', 'https://support.example.com', 'https://support.example.com/*'],
    ['http://support.localhost:4477', 'http://support.localhost:4477', 'http://support.localhost/*'],
  ])('reads %s as %s, asking for %s', (text, origin, permission) => {
    expect(parseCustomDomain(text)).toMatchObject({ ok: true, origin, permission });
  });

  it.each([
    ['', 'Enter your Zendesk'],
    ['acme.zendesk.com', 'work already'],
    ['http://support.example.com', 'https://'],
    ['support.example.com/agent', 'without a path'],
    ['intranet', 'full host name'],
  ])('refuses "%s"', (text, message) => {
    const r = parseCustomDomain(text);
    expect(!r.ok && r.error).toContain(message);
  });
});
