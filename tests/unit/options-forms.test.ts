import { describe, expect, it } from 'vitest';
import { alertsFormOf, parseAlertsForm, parseAuthForm } from '@/lib/options/forms';
import { DEFAULT_ALERT_SETTINGS } from '@/lib/storage';

const TOKEN = 'abcdefghij0123456789XYZ';

describe('the sign-in form', () => {
  it('accepts the session without any field', () => {
    expect(parseAuthForm({ mode: 'session', email: '', token: '' }, undefined)).toEqual({ ok: true, value: { mode: 'session' } });
  });

  it('accepts an email and a token, trimmed', () => {
    expect(parseAuthForm({ mode: 'token', email: ' alex@acme.com ', token: ` ${TOKEN} ` }, undefined)).toEqual({
      ok: true,
      value: { mode: 'token', email: 'alex@acme.com', token: TOKEN },
    });
  });

  it('keeps the saved token when the field is left blank', () => {
    const saved = { mode: 'token' as const, email: 'alex@acme.com', token: TOKEN };
    expect(parseAuthForm({ mode: 'token', email: 'alex@acme.com', token: '' }, saved)).toEqual({ ok: true, value: saved });
  });

  it('says what to fix in each field, and saves nothing', () => {
    const r = parseAuthForm({ mode: 'token', email: 'alex', token: '' }, undefined);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors['email']).toContain('email address');
    expect(!r.ok && r.errors['token']).toContain('Paste the API token');
    const short = parseAuthForm({ mode: 'token', email: 'alex@acme.com', token: 'abc' }, undefined);
    expect(!short.ok && short.errors['token']).toContain('20 to 64 letters and digits');
  });
});

const QUIET = { quietStart: '', quietEnd: '', snoozeDefault: 'hour', sound: true } as const;

describe('the alerts form', () => {
  it('shows the saved settings, with the default team size when none is saved', () => {
    expect(alertsFormOf(DEFAULT_ALERT_SETTINGS)).toEqual({
      leadTimes: '60, 15, 5',
      pollSeconds: '60',
      breach: true,
      teamSize: '200',
      quietStart: '',
      quietEnd: '',
      snoozeDefault: 'hour',
      sound: true,
    });
  });

  it('reads comma-separated lead times, largest first, without repeats', () => {
    expect(parseAlertsForm({ ...QUIET, leadTimes: '5, 60,15, 60', pollSeconds: '90', breach: true, teamSize: '25' })).toEqual({
      ok: true,
      value: { leadTimesMinutes: [60, 15, 5], breach: true, pollIntervalSeconds: 90, teamSize: 25, quietHours: null, snoozeDefault: 'hour', sound: true },
    });
  });

  it('keeps quiet hours across midnight, the snooze default and silence', () => {
    const r = parseAlertsForm({ leadTimes: '15', pollSeconds: '60', breach: true, teamSize: '5', quietStart: '22:00', quietEnd: '07:30', snoozeDefault: 'shift', sound: false });
    expect(r.ok && r.value).toMatchObject({ quietHours: { start: '22:00', end: '07:30' }, snoozeDefault: 'shift', sound: false });
  });

  it.each([
    ['22', '07:00', 'quietStart'],
    ['22:00', '', 'quietEnd'],
    ['', '07:00', 'quietStart'],
    ['07:00', '07:00', 'quietEnd'],
  ])('refuses quiet hours %s to %s at the %s field', (quietStart, quietEnd, field) => {
    const r = parseAlertsForm({ leadTimes: '15', pollSeconds: '60', breach: true, teamSize: '5', quietStart, quietEnd, snoozeDefault: 'hour', sound: true });
    expect(!r.ok && r.errors[field]).toMatch(/HH:mm|different/);
  });

  it.each([
    [{ leadTimes: '60, soon', pollSeconds: '60', breach: true, teamSize: '5', ...QUIET }, 'leadTimes', 'whole numbers'],
    [{ leadTimes: '0', pollSeconds: '60', breach: true, teamSize: '5', ...QUIET }, 'leadTimes', 'whole numbers'],
    [{ leadTimes: '', pollSeconds: '60', breach: false, teamSize: '5', ...QUIET }, 'leadTimes', 'at least one'],
    [{ leadTimes: '60', pollSeconds: '10', breach: true, teamSize: '5', ...QUIET }, 'pollSeconds', '30 to 3600'],
    [{ leadTimes: '60', pollSeconds: 'often', breach: true, teamSize: '5', ...QUIET }, 'pollSeconds', '30 to 3600'],
    [{ leadTimes: '60', pollSeconds: '60', breach: true, teamSize: '0', ...QUIET }, 'teamSize', '1 to 10000'],
  ])('refuses %o with a message at the %s field', (form, field, text) => {
    const r = parseAlertsForm(form);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[field]).toContain(text);
  });
});
