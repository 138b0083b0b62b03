/**
 * The options page's forms, checked before anything is saved: text in, a valid value or a message per field
 * out. An invalid form is never written, so valid settings are never replaced by invalid ones.
 */
import {
  alertSettingsSchema,
  DEFAULT_TEAM_SIZE,
  HHMM_PATTERN,
  instanceAuthSchema,
  MIN_POLL_INTERVAL_SECONDS,
  type AlertSettings,
  type InstanceAuth,
} from '../storage';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface AuthForm {
  mode: 'session' | 'token';
  email: string;
  /** Blank keeps the token already saved for this instance. */
  token: string;
}

export function parseAuthForm(form: AuthForm, saved: InstanceAuth | undefined): FormResult<InstanceAuth> {
  if (form.mode === 'session') return { ok: true, value: { mode: 'session' } };
  const token = form.token.trim() || (saved?.mode === 'token' ? saved.token : '');
  const parsed = instanceAuthSchema.safeParse({ mode: 'token', email: form.email.trim(), token });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path.at(-1) ?? 'token');
    if (field === 'email' || field === 'token') errors[field] ??= issue.message;
  }
  if (!token) errors['token'] = 'Paste the API token for this Zendesk (Admin Center › Apps and integrations › Zendesk API).';
  return { ok: false, errors: Object.keys(errors).length ? errors : { token: 'Check the email and token.' } };
}

export interface AlertsForm {
  /** "60, 15, 5" */
  leadTimes: string;
  pollSeconds: string;
  breach: boolean;
  /** Agents on this Zendesk account running the extension: they share its API budget. */
  teamSize: string;
  /** "22:00" and "07:00"; both blank for no quiet hours. */
  quietStart: string;
  quietEnd: string;
  snoozeDefault: 'hour' | 'shift';
  sound: boolean;
}

export function alertsFormOf(settings: AlertSettings): AlertsForm {
  return {
    leadTimes: settings.leadTimesMinutes.join(', '),
    pollSeconds: String(settings.pollIntervalSeconds),
    breach: settings.breach,
    teamSize: String(settings.teamSize ?? DEFAULT_TEAM_SIZE),
    quietStart: settings.quietHours?.start ?? '',
    quietEnd: settings.quietHours?.end ?? '',
    snoozeDefault: settings.snoozeDefault,
    sound: settings.sound,
  };
}

export function parseAlertsForm(form: AlertsForm): FormResult<AlertSettings> {
  const errors: FieldErrors = {};
  const parts = form.leadTimes.split(',').map((p) => p.trim()).filter(Boolean);
  const lead = parts.map(Number);
  if (parts.length === 0 && !form.breach) errors['leadTimes'] = 'Choose at least one warning time, or keep the alert at the breach itself.';
  else if (lead.some((n) => !Number.isInteger(n) || n <= 0 || n > 1440)) {
    errors['leadTimes'] = 'Minutes before a breach, as whole numbers from 1 to 1440 separated by commas (for example 60, 15, 5).';
  } else if (lead.length > 10) errors['leadTimes'] = 'At most 10 warning times.';
  const seconds = Number(form.pollSeconds);
  if (!Number.isInteger(seconds) || seconds < MIN_POLL_INTERVAL_SECONDS || seconds > 3600) {
    errors['pollSeconds'] = `How often to check, in seconds: ${MIN_POLL_INTERVAL_SECONDS} to 3600.`;
  }
  const teamSize = Number(form.teamSize);
  if (!Number.isInteger(teamSize) || teamSize < 1 || teamSize > 10_000) {
    errors['teamSize'] = 'How many agents on this Zendesk account use the extension: a whole number from 1 to 10000.';
  }
  const quietStart = form.quietStart.trim();
  const quietEnd = form.quietEnd.trim();
  if (quietStart || quietEnd) {
    if (!HHMM_PATTERN.test(quietStart)) errors['quietStart'] = 'When quiet hours start, as HH:mm (24-hour), for example 22:00; leave both blank for none.';
    if (!HHMM_PATTERN.test(quietEnd)) errors['quietEnd'] = 'When quiet hours end, as HH:mm (24-hour), for example 07:00; leave both blank for none.';
    else if (quietStart === quietEnd) errors['quietEnd'] = 'Quiet hours need an end different from their start.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const value = {
    leadTimesMinutes: [...new Set(lead)].sort((a, b) => b - a),
    breach: form.breach,
    pollIntervalSeconds: seconds,
    teamSize,
    quietHours: quietStart ? { start: quietStart, end: quietEnd } : null,
    snoozeDefault: form.snoozeDefault,
    sound: form.sound,
  };
  const parsed = alertSettingsSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: { leadTimes: parsed.error.issues[0]?.message ?? 'Invalid.' } };
}
