/**
 * The options page's SLA, business-hours, shift, escalation and custom-domain forms: text in, a valid value or
 * a message per field out. Nothing here saves; the page saves only an `ok` result, so an invalid form never
 * replaces valid settings.
 */
import { createCalendar, type BusinessSchedule, type Holiday } from '../sla/business-hours';
import { SLA_PRESETS } from '../sla/presets';
import { toIanaZone } from '../sla/zones';
import { PRIORITY_KEYS, type BusinessHoursSetting, type PriorityKey, type SlaSettings, type TargetOverride } from '../settings/sla-settings-schema';
import { escalationSettingsSchema, HHMM_PATTERN, type EscalationSettings } from '../storage';
import { isValidZone } from '../time';
import type { FieldErrors, FormResult } from './forms';
import { LOCAL_ZONE, type Shift } from '../popup/shift';

// ---------------------------------------------------------------------------------------------------------------
// SLA: preset, per-priority and per-channel targets, state thresholds.

export interface TargetField {
  /** Hours, blank for the preset's own target. */
  hours: string;
  business: boolean;
}
export interface SlaForm {
  presetId: SlaSettings['presetId'];
  priorities: Record<PriorityKey, { first: TargetField; next: TargetField }>;
  social: { off: boolean; first: string; next: string };
  community: { off: boolean; opensDays: string; closesDays: string };
  warning: string;
  critical: string;
}

const hoursOf = (o: TargetOverride | undefined): string => (o ? String(Math.round((o.minutes / 60) * 100) / 100) : '');

export function slaFormOf(s: SlaSettings): SlaForm {
  const priorities = {} as SlaForm['priorities'];
  for (const p of PRIORITY_KEYS) {
    const o = s.priorities[p];
    const preset = SLA_PRESETS[s.presetId].priorities[p].first_reply_time;
    const business = o?.first?.business ?? o?.next?.business ?? preset.unit.startsWith("business");
    priorities[p] = { first: { hours: hoursOf(o?.first), business: o?.first?.business ?? business }, next: { hours: hoursOf(o?.next), business: o?.next?.business ?? business } };
  }
  return {
    presetId: s.presetId,
    priorities,
    social: { off: s.channels.social?.off ?? false, first: hoursOf(s.channels.social?.first), next: hoursOf(s.channels.social?.next) },
    community: {
      off: s.channels.community?.off ?? false,
      opensDays: s.channels.community?.opensAfterDays ? String(s.channels.community.opensAfterDays) : '',
      closesDays: s.channels.community?.closesAfterDays ? String(s.channels.community.closesAfterDays) : '',
    },
    warning: String(s.thresholds.warningMinutes),
    critical: String(s.thresholds.criticalMinutes),
  };
}

const HOURS_MESSAGE = 'Hours as a number greater than 0 and at most 1440 (for example 8 or 0.5), or blank for the preset’s target.';

function parseHours(text: string, business: boolean, field: string, errors: FieldErrors): TargetOverride | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0 || n > 1440) {
    errors[field] = HOURS_MESSAGE;
    return undefined;
  }
  return { minutes: Math.round(n * 60), business };
}

function parseDays(text: string, field: string, errors: FieldErrors): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 1 || n > 60) {
    errors[field] = 'Whole days from 1 to 60, or blank for the preset’s.';
    return undefined;
  }
  return n;
}

export function parseSlaForm(form: SlaForm): FormResult<Omit<SlaSettings, 'businessHours'>> {
  const errors: FieldErrors = {};
  const priorities: SlaSettings['priorities'] = {};
  for (const p of PRIORITY_KEYS) {
    const row = form.priorities[p];
    const first = parseHours(row.first.hours, row.first.business, `${p}.first`, errors);
    const next = parseHours(row.next.hours, row.next.business, `${p}.next`, errors);
    if (first || next) priorities[p] = { ...(first ? { first } : {}), ...(next ? { next } : {}) };
  }
  const sFirst = parseHours(form.social.first, true, 'social.first', errors);
  const sNext = parseHours(form.social.next, true, 'social.next', errors);
  const opens = parseDays(form.community.opensDays, 'community.opens', errors);
  const closes = parseDays(form.community.closesDays, 'community.closes', errors);
  const openAt = opens ?? 2;
  const closeAt = closes ?? 14;
  if (!errors['community.opens'] && !errors['community.closes'] && (opens || closes) && openAt >= closeAt) {
    errors['community.closes'] = `The window must close after it opens (it opens after ${openAt} days).`;
  }
  const warning = Number(form.warning);
  const critical = Number(form.critical);
  if (!Number.isInteger(warning) || warning < 1 || warning > 1440) errors['warning'] = 'Minutes before the deadline, a whole number from 1 to 1440.';
  if (!Number.isInteger(critical) || critical < 1 || critical > 1440) errors['critical'] = 'Minutes before the deadline, a whole number from 1 to 1440.';
  else if (!errors['warning'] && critical >= warning) errors['critical'] = `Critical must start closer to the deadline than warning (${warning} minutes).`;
  if (Object.keys(errors).length) return { ok: false, errors };
  const channels: SlaSettings['channels'] = {};
  if (form.social.off || sFirst || sNext) channels.social = { off: form.social.off, ...(sFirst ? { first: sFirst } : {}), ...(sNext ? { next: sNext } : {}) };
  if (form.community.off || opens || closes) {
    channels.community = { off: form.community.off, ...(opens ? { opensAfterDays: opens } : {}), ...(closes ? { closesAfterDays: closes } : {}) };
  }
  return { ok: true, value: { presetId: form.presetId, priorities, channels, thresholds: { warningMinutes: warning, criticalMinutes: critical } } };
}

// ---------------------------------------------------------------------------------------------------------------
// Business hours: the preset's schedule, a Zendesk schedule by id, or weekly intervals typed in.

export interface BusinessHoursForm {
  kind: BusinessHoursSetting['kind'];
  /** Zendesk: the instance and the schedule id; `fetched` is what "Fetch" brought back. */
  origin: string;
  scheduleId: string;
  fetched: { schedule: BusinessSchedule; fetchedAt: number } | null;
  /** Custom: the zone (IANA or Zendesk's Rails name) and one interval per line, "Mon 09:00-17:00". */
  zone: string;
  intervals: string;
  /** Both: one holiday per line, "2026-12-25 Christmas" or "2026-12-24..2026-12-26 Winter break". */
  holidays: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** "Mon 09:00-17:00" per interval (minutes since Sunday 00:00), the format `parseIntervals` reads. */
export function formatIntervals(schedule: Pick<BusinessSchedule, 'intervals'>): string {
  return schedule.intervals
    .map((iv) => {
      const day = Math.floor(iv.start_time / 1440);
      return `${DAYS[day] ?? `day ${day}`} ${clock(iv.start_time - day * 1440)}-${clock(iv.end_time - day * 1440)}`;
    })
    .join('\n');
}

export function formatHolidays(holidays: readonly Holiday[]): string {
  return holidays.map((h) => `${h.start_date === h.end_date ? h.start_date : `${h.start_date}..${h.end_date}`} ${h.name}`).join('\n');
}

export function businessHoursFormOf(bh: BusinessHoursSetting, fallbackOrigin: string): BusinessHoursForm {
  const empty = { origin: fallbackOrigin, scheduleId: '', fetched: null, zone: '', intervals: 'Mon-Fri 09:00-17:00', holidays: '' };
  if (bh.kind === 'preset') return { kind: 'preset', ...empty };
  if (bh.kind === 'zendesk') {
    return { ...empty, kind: 'zendesk', origin: bh.origin, scheduleId: String(bh.scheduleId), fetched: { schedule: bh.schedule, fetchedAt: bh.fetchedAt }, holidays: formatHolidays(bh.holidays) };
  }
  return { ...empty, kind: 'custom', zone: bh.schedule.time_zone, intervals: formatIntervals(bh.schedule), holidays: formatHolidays(bh.holidays) };
}

const LINE = /^(sun|mon|tue|wed|thu|fri|sat)[a-z]*(?:\s*-\s*(sun|mon|tue|wed|thu|fri|sat)[a-z]*)?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/i;

/** Reads "Mon 09:00-17:00" or "Mon-Fri 09:00-17:00" lines; an error names the line. */
export function parseIntervals(text: string): { ok: true; intervals: BusinessSchedule['intervals'] } | { ok: false; error: string } {
  const intervals: BusinessSchedule['intervals'] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    const m = LINE.exec(line);
    const at = `Line ${i + 1} ("${line}")`;
    if (!m) return { ok: false, error: `${at}: write a day or days and a time range, for example "Mon-Fri 09:00-17:00".` };
    const from = DAYS.findIndex((d) => d.toLowerCase() === m[1]!.slice(0, 3).toLowerCase());
    const to = m[2] ? DAYS.findIndex((d) => d.toLowerCase() === m[2]!.slice(0, 3).toLowerCase()) : from;
    const start = Number(m[3]) * 60 + Number(m[4]);
    const end = Number(m[5]) * 60 + Number(m[6]);
    if (Number(m[4]) > 59 || Number(m[6]) > 59 || start >= 1440 || end > 1440) return { ok: false, error: `${at}: times run from 00:00 to 24:00.` };
    if (end <= start) return { ok: false, error: `${at}: the end must be after the start (an interval cannot cross midnight; split it in two).` };
    if (to < from) return { ok: false, error: `${at}: the days run from Sunday to Saturday; write "Sun-Sat", not backwards.` };
    for (let d = from; d <= to; d++) intervals.push({ start_time: d * 1440 + start, end_time: d * 1440 + end });
  }
  if (intervals.length === 0) return { ok: false, error: 'Add at least one open interval, for example "Mon-Fri 09:00-17:00".' };
  return { ok: true, intervals };
}

const HOLIDAY = /^(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?(?:\s+(.+))?$/;

export function parseHolidays(text: string): { ok: true; holidays: Holiday[] } | { ok: false; error: string } {
  const holidays: Holiday[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = HOLIDAY.exec(line);
    const start = m?.[1];
    const end = m?.[2] ?? start;
    const valid = (d: string | undefined) => !!d && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
    if (!m || !valid(start) || !valid(end)) {
      return { ok: false, error: `Line ${i + 1} ("${line}"): write a date, or a range, and a name, for example "2026-12-24..2026-12-26 Winter break".` };
    }
    if (end! < start!) return { ok: false, error: `Line ${i + 1} ("${line}"): the range ends before it starts.` };
    holidays.push({ name: m[3]?.trim() || 'Holiday', start_date: start!, end_date: end! });
  }
  return { ok: true, holidays };
}

/** Validates the whole schedule with the engine's own check (`createCalendar`) before it can be saved. */
export function parseBusinessHoursForm(form: BusinessHoursForm): FormResult<BusinessHoursSetting> {
  if (form.kind === 'preset') return { ok: true, value: { kind: 'preset' } };
  const errors: FieldErrors = {};
  const holidays = parseHolidays(form.holidays);
  if (!holidays.ok) errors['holidays'] = holidays.error;
  let schedule: BusinessSchedule | null = null;
  if (form.kind === 'zendesk') {
    if (!form.fetched) errors['scheduleId'] = 'Fetch the schedule first: enter its id and press Fetch.';
    else schedule = form.fetched.schedule;
  } else {
    const zone = form.zone.trim();
    const intervals = parseIntervals(form.intervals);
    if (!zone) errors['zone'] = 'Enter a time zone, for example Europe/Amsterdam or Pacific Time (US & Canada).';
    else if (toIanaZone(zone) === null) errors['zone'] = `Unknown time zone "${zone}": use an IANA name such as Europe/Amsterdam, or Zendesk's name such as Pacific Time (US & Canada).`;
    if (!intervals.ok) errors['intervals'] = intervals.error;
    if (zone && intervals.ok) schedule = { name: 'Team schedule', time_zone: zone, intervals: intervals.intervals };
  }
  if (schedule && holidays.ok && !Object.keys(errors).length) {
    const made = createCalendar(schedule, holidays.holidays);
    if (!made.ok) {
      const field = form.kind === 'zendesk' ? 'scheduleId' : 'intervals';
      errors[made.issues.some((i) => i.includes('time zone')) && form.kind === 'custom' ? 'zone' : field] = made.issues.join('; ');
    }
  }
  if (Object.keys(errors).length || !schedule || !holidays.ok) return { ok: false, errors: Object.keys(errors).length ? errors : { intervals: 'Check the schedule.' } };
  if (form.kind === 'zendesk') {
    return {
      ok: true,
      value: { kind: 'zendesk', origin: form.origin, scheduleId: Number(form.scheduleId), schedule, holidays: holidays.holidays, fetchedAt: form.fetched!.fetchedAt },
    };
  }
  return { ok: true, value: { kind: 'custom', schedule, holidays: holidays.holidays } };
}

export function parseScheduleId(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The agent's shift.

export interface ShiftForm {
  end: string;
  /** Blank: the browser's own zone. */
  zone: string;
}

export function shiftFormOf(shift: Shift): ShiftForm {
  return { end: shift.end, zone: shift.zone === LOCAL_ZONE ? '' : shift.zone };
}

export function parseShiftForm(form: ShiftForm): FormResult<Shift> {
  const errors: FieldErrors = {};
  const end = form.end.trim();
  const zone = form.zone.trim();
  if (!HHMM_PATTERN.test(end)) errors['shiftEnd'] = 'When your shift ends, as HH:mm (24-hour), for example 17:00.';
  if (zone && !isValidZone(zone)) errors['shiftZone'] = `Unknown time zone "${zone}": use an IANA name such as Europe/Berlin, or leave it blank for this computer's zone.`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { end, zone: zone || LOCAL_ZONE } };
}

// ---------------------------------------------------------------------------------------------------------------
// Escalation (STAR).

export const SLACK_WEBHOOK_ORIGIN = 'https://hooks.slack.com';
export const SLACK_PERMISSION = `${SLACK_WEBHOOK_ORIGIN}/*`;

export function parseEscalationForm(form: EscalationSettings): FormResult<EscalationSettings> {
  const value = { starTag: form.starTag.trim(), formUrlTemplate: form.formUrlTemplate.trim(), slackWebhookUrl: form.slackWebhookUrl.trim() };
  const errors: FieldErrors = {};
  const parsed = escalationSettingsSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'starTag')] ??= issue.message;
  if (!errors['slackWebhookUrl'] && value.slackWebhookUrl && !value.slackWebhookUrl.startsWith(`${SLACK_WEBHOOK_ORIGIN}/services/`)) {
    errors['slackWebhookUrl'] = 'A Slack incoming webhook starts with https://hooks.slack.com/services/ (Slack › Apps › Incoming Webhooks).';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Custom domains.

const LOCAL_HOST = /^(localhost|127\.0\.0\.1|[a-z0-9-]+\.localhost)$/;

/**
 * "support.example.com" or "https://support.example.com" → the origin, and the host permission to request.
 * Plain http only for this computer's own names (a local Zendesk replica); *.zendesk.com needs nothing.
 */
export function parseCustomDomain(text: string): { ok: true; origin: string; permission: string; matches: string } | { ok: false; error: string } {
  const raw = text.trim().toLowerCase();
  if (!raw) return { ok: false, error: 'Enter your Zendesk’s own address, for example support.example.com.' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, error: `"${text.trim()}" is not a web address. Enter a host name such as support.example.com.` };
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username) return { ok: false, error: 'Enter only the host name (support.example.com), without a path.' };
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOST.test(url.hostname))) {
    return { ok: false, error: 'Zendesk is only served over https://; enter the https address.' };
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false, error: 'Enter a full host name, such as support.example.com.' };
  if (url.hostname.endsWith('.zendesk.com')) return { ok: false, error: 'Addresses on zendesk.com work already; add only your own domain (host mapping).' };
  return { ok: true, origin: url.origin, permission: `${url.protocol}//${url.hostname}/*`, matches: `${url.protocol}//${url.hostname}/agent/*` };
}
