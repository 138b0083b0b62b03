// @vitest-environment happy-dom
/**
 * The options page component with the real form checks behind it: invalid input is shown at the field, tied to
 * it by aria-describedby, focused, and never reaches the save; every control has a name.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { OptionsApp, type BusinessHoursSectionProps, type OptionsAppProps } from '@/components/OptionsApp';
import { alertsFormOf, parseAlertsForm } from '@/lib/options/forms';
import { businessHoursFormOf, formatIntervals, parseBusinessHoursForm, parseEscalationForm, parseShiftForm, parseSlaForm, shiftFormOf, slaFormOf } from '@/lib/options/sla-forms';
import type { DomainRow } from '@/lib/settings/custom-domains';
import { defaultSlaSettings } from '@/lib/settings/sla-settings-schema';
import { DEFAULT_ALERT_SETTINGS, DEFAULT_ESCALATION_SETTINGS } from '@/lib/storage';
import { renderRoot } from '../support/render-root';

const root = renderRoot();

const hint = { first: '8 business h', next: '8 business h' };
function show(
  domainRows: DomainRow[] = [{ origin: 'https://support.example.com', state: 'no-access' }],
  onRetry = vi.fn(async (): Promise<string | null> => null),
  hours: Pick<BusinessHoursSectionProps, 'initial' | 'refreshProblem'> = { initial: businessHoursFormOf({ kind: 'preset' }, '') },
) {
  const saved = { sla: vi.fn(), hours: vi.fn(), escalation: vi.fn() };
  const check = <F,>(parse: (f: F) => { ok: boolean; errors?: Record<string, string> }, spy: (f: F) => void) => async (form: F) => {
    const r = parse(form) as { ok: true } | { ok: false; errors: Record<string, string> };
    if (!r.ok) return r.errors;
    spy(form);
    return null;
  };
  const props: OptionsAppProps = {
    instances: [],
    domains: { rows: domainRows, onAdd: vi.fn(async () => null), onRemove: vi.fn(async () => undefined), onGrant: vi.fn(async () => null), onRetry },
    sla: {
      initial: slaFormOf(defaultSlaSettings()),
      presets: [{ id: 'handbook', label: 'Handbook', hints: { urgent: hint, high: hint, normal: hint, low: hint }, social: '1 business day', community: 'a window' }],
      onSave: check(parseSlaForm, saved.sla),
    },
    businessHours: { ...hours, origins: [], describe: formatIntervals, onFetch: vi.fn(), onSave: check(parseBusinessHoursForm, saved.hours), problem: null },
    shift: { initial: shiftFormOf({ end: '17:00', zone: 'local' }), onSave: check(parseShiftForm, vi.fn()) },
    alerts: alertsFormOf(DEFAULT_ALERT_SETTINGS),
    escalation: { initial: { ...DEFAULT_ESCALATION_SETTINGS }, onSave: check(parseEscalationForm, saved.escalation) },
    onSaveAuth: vi.fn(),
    onTestAuth: vi.fn(),
    onSaveAlerts: check(parseAlertsForm, vi.fn()),
    playbook: { status: { mode: 'default', name: 'Default', fileName: null, importedAt: null, problem: null }, onParse: vi.fn(), onApply: vi.fn(), onExport: vi.fn(), onReset: vi.fn() },
    settingsFile: { onExport: vi.fn(), onPreview: vi.fn(), onApply: vi.fn() },
  };
  act(() => render(<OptionsApp {...props} />, root));
  return saved;
}

const input = (id: string) => root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
async function type(id: string, value: string) {
  await act(async () => {
    const el = input(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit(headingId: string) {
  await act(async () => {
    root.querySelector(`#${headingId}`)!.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await act(async () => void (await new Promise((r) => setTimeout(r, 0))));
}

describe('the options page', () => {
  it('names every control: a label, a wrapping label or an aria-label', () => {
    show();
    const unnamed = [...root.querySelectorAll('input, select, textarea')].filter(
      (el) => !(el.id && root.querySelector(`label[for="${el.id}"]`)) && !el.closest('label') && !el.getAttribute('aria-label'),
    );
    expect(unnamed.map((el) => el.outerHTML)).toEqual([]);
  });

  it('shows an invalid threshold at its field, tied and focused, and does not save', async () => {
    const saved = show();
    await type('sla-critical', '90');
    await submit('sla-title');
    const field = input('sla-critical');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${field.getAttribute('aria-describedby')!.split(' ')[0]}`)!.textContent).toContain('closer to the deadline than warning');
    expect(document.activeElement).toBe(field);
    expect(root.querySelector('#sla-title')!.closest('form')!.querySelector('[role="status"]')!.textContent).toContain('Not saved');
    expect(saved.sla).not.toHaveBeenCalled();

    await type('sla-critical', '10');
    await submit('sla-title');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(saved.sla).toHaveBeenCalledOnce();
  });

  it('ties a per-priority target error to its cell', async () => {
    show();
    await type('sla-high-first', 'soon');
    await submit('sla-title');
    expect(input('sla-high-first').getAttribute('aria-describedby')).toBe('sla-high-first-error');
    expect(input('sla-high-first').getAttribute('aria-label')).toBe('High first reply target in hours');
  });

  it('refuses an overlapping weekly schedule with the engine’s message, keeping help text described too', async () => {
    const saved = show();
    const custom = [...root.querySelectorAll<HTMLInputElement>('input[name="hours-kind"]')][2]!;
    await act(async () => custom.click());
    await type('hours-zone', 'Europe/Amsterdam');
    await type('hours-intervals', 'Mon 10:00-11:00\nMon 10:30-12:00');
    await submit('hours-title');
    expect(input('hours-intervals').getAttribute('aria-describedby')).toBe('hours-intervals-error hours-intervals-help');
    expect(root.querySelector('#hours-intervals-error')!.textContent).toContain('overlaps');
    expect(saved.hours).not.toHaveBeenCalled();
  });

  it('refuses a webhook that is not Slack’s', async () => {
    const saved = show();
    await type('star-slack', 'https://example.com/hook');
    await submit('escalation-title');
    expect(root.querySelector('#star-slack-error')!.textContent).toContain('hooks.slack.com/services');
    expect(saved.escalation).not.toHaveBeenCalled();
  });

  it('offers to grant access to a custom domain that lost it', () => {
    show();
    expect(root.querySelector('.domains')!.textContent).toContain('no access');
    expect([...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual(
      expect.arrayContaining(['Grant access', 'Remove https://support.example.com', 'Add domain']),
    );
  });

  it('says why a custom domain is not active when the browser refused its scripts, and tries again on a click', async () => {
    const problem = "The browser refused to set up the badges on your own domains (Duplicate script ID 'zso-custom-0').";
    const onRetry = vi.fn(async (): Promise<string | null> => problem);
    show(
      [
        { origin: 'https://support.example.com', state: 'failed', problem },
        { origin: 'https://help.example.com', state: 'active' },
        { origin: 'https://new.example.com', state: 'pending' },
      ],
      onRetry,
    );
    const items = [...root.querySelectorAll('.domains li')].map((li) => li.textContent ?? '');
    expect(items[0]).toContain(`not active: ${problem} It is tried again when the browser starts or a domain changes.`);
    expect(items[1]).toContain('active');
    expect(items[1]).not.toContain('Try again');
    expect(items[2]).toContain('setting up');
    const retry = root.querySelector<HTMLButtonElement>('button[aria-label="Try again for https://support.example.com"]')!;
    expect(retry.textContent).toBe('Try again');
    await act(async () => retry.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
    // Still refused: the status line says so, as a problem, not "Set up".
    const status = root.querySelector('#domains-title')!.closest('form')!.querySelector('[role="status"]')!;
    expect(status.textContent).toBe(problem);
    expect(status.classList.contains('status-bad')).toBe(true);
  });

  it('shows when a Zendesk schedule was fetched, and why the daily refresh failed while the saved one stays', () => {
    const schedule = { name: 'EMEA', time_zone: 'Amsterdam', intervals: [{ start_time: 1980, end_time: 2460 }] };
    const fetchedAt = Date.parse('2026-11-20T12:00:00Z');
    const refreshProblem = 'The daily refresh of this schedule from Zendesk failed (then): Zendesk says you are signed out. The schedule fetched then is still in use; the extension tries again within the hour.';
    show(undefined, undefined, {
      initial: businessHoursFormOf({ kind: 'zendesk', origin: 'https://x.zendesk.com', scheduleId: 2, schedule, holidays: [], fetchedAt }, ''),
      refreshProblem,
    });
    const section = root.querySelector('#hours-title')!.closest('form')!;
    expect(section.querySelector('[data-fetched-schedule]')!.textContent).toContain(`Fetched ${new Date(fetchedAt).toLocaleString()}. Once saved, the extension fetches it again every day.`);
    const alerts = [...section.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts).toEqual([refreshProblem]);
  });
});
