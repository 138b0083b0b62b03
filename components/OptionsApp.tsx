/**
 * The options page: the Zendesk instances (sign-in, custom domains), the SLA (preset, overrides, thresholds),
 * business hours, the agent's shift, alerts, escalation, the guidance playbook, and all settings as one file.
 * Pure: data and async callbacks in; the entrypoint (entrypoints/options/main.tsx) owns storage, permissions and
 * messages. A form is only saved when the callback says it is valid; otherwise each field shows what to fix,
 * tied to its input by aria-describedby, and the saved settings stay as they were.
 */
import { useRef, useState } from 'preact/hooks';
import type { PlaybookError } from '@/lib/guidance/playbook-schema';
import type { ImportMode, ImportOutcome, ImportRequest, PlaybookFormat, PlaybookPreview } from '@/lib/guidance-ui/playbook-import';
import type { AlertsForm, AuthForm, FieldErrors } from '@/lib/options/forms';
import type { BusinessHoursForm, ShiftForm, SlaForm } from '@/lib/options/sla-forms';
import type { ImportPreview, ImportResult } from '@/lib/settings/file';
import type { DomainRow } from '@/lib/settings/custom-domains';
import type { BusinessSchedule } from '@/lib/sla/business-hours';
import type { EscalationSettings } from '@/lib/storage';

export interface InstanceRow {
  origin: string;
  mode: 'session' | 'token';
  email: string;
  /** "••••1234" when a token is saved. */
  tokenMask: string | null;
}

export interface OptionsAppProps {
  instances: InstanceRow[];
  domains: DomainsSectionProps;
  sla: SlaSectionProps;
  businessHours: BusinessHoursSectionProps;
  shift: ShiftSectionProps;
  alerts: AlertsForm;
  escalation: EscalationSectionProps;
  onSaveAuth: (origin: string, form: AuthForm) => Promise<FieldErrors | null>;
  onTestAuth: (origin: string, form: AuthForm) => Promise<{ ok: boolean; message: string }>;
  onSaveAlerts: (form: AlertsForm) => Promise<FieldErrors | null>;
  playbook: PlaybookSectionProps;
  settingsFile: SettingsFileSectionProps;
}

/** The guidance playbook in use, for the "Guidance playbook" section. */
export interface PlaybookStatus {
  mode: 'default' | ImportMode;
  name: string;
  fileName: string | null;
  importedAt: number | null;
  /** Why a saved team playbook was ignored (it no longer validates), or null. */
  problem: string | null;
}

export interface PlaybookSectionProps {
  status: PlaybookStatus;
  /** Parses and previews; saves nothing. */
  onParse: (request: ImportRequest) => ImportOutcome | Promise<ImportOutcome>;
  /** Saves the previewed playbook; the errors when it could not be saved. */
  onApply: (preview: PlaybookPreview) => Promise<PlaybookError[] | null>;
  onExport: (format: PlaybookFormat) => void;
  onReset: () => Promise<void>;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

function InstanceAuthForm({ row, onSave, onTest }: { row: InstanceRow; onSave: OptionsAppProps['onSaveAuth']; onTest: OptionsAppProps['onTestAuth'] }) {
  const [form, setForm] = useState<AuthForm>({ mode: row.mode, email: row.email, token: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const id = row.origin.replace(/[^a-z0-9]/gi, '-');
  const save = async (event: Event) => {
    event.preventDefault();
    const result = await onSave(row.origin, form);
    setErrors(result ?? {});
    setStatus(result ? { ok: false, message: 'Not saved: fix the fields marked above.' } : { ok: true, message: 'Saved.' });
  };
  const test = async () => {
    setStatus({ ok: true, message: 'Checking…' });
    setStatus(await onTest(row.origin, form));
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{row.origin}</h3>
      <fieldset>
        <legend>How the extension signs in to this Zendesk</legend>
        <label class="choice">
          <input type="radio" name={`${id}-mode`} checked={form.mode === 'session'} onChange={() => setForm({ ...form, mode: 'session' })} />
          Use my Zendesk session in this browser (no setup)
        </label>
        <label class="choice">
          <input type="radio" name={`${id}-mode`} checked={form.mode === 'token'} onChange={() => setForm({ ...form, mode: 'token' })} />
          Use an API token (alerts keep working when no Zendesk tab is open or the session has expired)
        </label>
      </fieldset>
      {form.mode === 'token' ? (
        <div class="fields">
          <label for={`${id}-email`}>Your Zendesk email</label>
          <input
            id={`${id}-email`}
            type="email"
            autocomplete="username"
            value={form.email}
            aria-invalid={errors['email'] ? 'true' : undefined}
            aria-describedby={errors['email'] ? `${id}-email-error` : undefined}
            onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
          <FieldError id={`${id}-email-error`} error={errors['email']} />
          <label for={`${id}-token`}>API token</label>
          <input
            id={`${id}-token`}
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder={row.tokenMask ? `Saved (${row.tokenMask}); leave blank to keep it` : ''}
            value={form.token}
            aria-invalid={errors['token'] ? 'true' : undefined}
            aria-describedby={errors['token'] ? `${id}-token-error` : `${id}-token-help`}
            onInput={(e) => setForm({ ...form, token: e.currentTarget.value })}
          />
          <FieldError id={`${id}-token-error`} error={errors['token']} />
          <p class="help" id={`${id}-token-help`}>
            The token is stored in this browser only and sent only to {row.origin}, never logged.
          </p>
        </div>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={() => void test()}>
          Test connection
        </button>
        <p class={`status${status && !status.ok ? ' status-bad' : ''}`} role="status">
          {status?.message ?? ''}
        </p>
      </div>
    </form>
  );
}

/** A labelled text input with its help and its error, both tied to it (aria-describedby). */
function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  help?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
  type?: 'text' | 'url' | 'time';
  class?: string;
}) {
  const describedBy = [props.error ? `${props.id}-error` : '', props.help ? `${props.id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={props.value}
        spellcheck={false}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.help ? (
        <p class="help" id={`${props.id}-help`}>
          {props.help}
        </p>
      ) : null}
      <FieldError id={`${props.id}-error`} error={props.error} />
    </div>
  );
}

/** Save button and the status line every form shares. */
function SaveRow({ status, bad, label = 'Save' }: { status: string; bad: boolean; label?: string }) {
  return (
    <div class="actions">
      <button type="submit" class="primary">
        {label}
      </button>
      <p class={`status${bad ? ' status-bad' : ''}`} role="status">
        {status}
      </p>
    </div>
  );
}

const NOT_SAVED = 'Not saved: fix the fields marked above. The saved settings are unchanged.';

/** Runs a save callback and keeps its field errors and status. */
function useSave<F>(onSave: (form: F) => Promise<FieldErrors | null>, saved: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const submit = (form: F) => async (event: Event) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    // Called before any await: a permission request inside keeps the click's user gesture.
    const result = await onSave(form);
    setErrors(result ?? {});
    setStatus(result ? (result['_form'] ?? NOT_SAVED) : saved);
    // Keyboard and screen-reader users land on the first field to fix, which reads its message.
    if (result) setTimeout(() => element.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };
  return { errors, status, bad: Object.keys(errors).length > 0, submit };
}

function AlertsSection({ initial, onSave }: { initial: AlertsForm; onSave: OptionsAppProps['onSaveAlerts'] }) {
  const [form, setForm] = useState<AlertsForm>(initial);
  const { errors, status, bad, submit } = useSave(onSave, 'Saved. The worker uses the new settings from its next check.');
  return (
    <form class="card" onSubmit={submit(form)} aria-labelledby="alerts-title" noValidate>
      <h2 id="alerts-title">Breach alerts</h2>
      <div class="fields">
        <TextField id="lead-times" label="Warn this many minutes before a breach" value={form.leadTimes} onInput={(v) => setForm({ ...form, leadTimes: v })} error={errors['leadTimes']} help="Comma-separated, for example 60, 15, 5." />
        <label class="choice">
          <input type="checkbox" checked={form.breach} onChange={(e) => setForm({ ...form, breach: e.currentTarget.checked })} />
          Also alert at the breach itself
        </label>
        <TextField id="poll-seconds" label="Check Zendesk every (seconds)" inputMode="numeric" value={form.pollSeconds} onInput={(v) => setForm({ ...form, pollSeconds: v })} error={errors['pollSeconds']} />
        <TextField
          id="team-size"
          label="Agents on this Zendesk account using the extension"
          inputMode="numeric"
          value={form.teamSize}
          onInput={(v) => setForm({ ...form, teamSize: v })}
          error={errors['teamSize']}
          help="Everyone's checks share the account's API budget; each agent checks less often as the team grows."
        />
        <fieldset class="inline">
          <legend>Quiet hours (this computer's time): notifications make no sound and do not stay on screen</legend>
          <TextField id="quiet-start" label="From" placeholder="22:00" value={form.quietStart} onInput={(v) => setForm({ ...form, quietStart: v })} error={errors['quietStart']} class="short" />
          <TextField id="quiet-end" label="To" placeholder="07:00" value={form.quietEnd} onInput={(v) => setForm({ ...form, quietEnd: v })} error={errors['quietEnd']} class="short" />
        </fieldset>
        <p class="help">Leave both blank for no quiet hours. Alerts are never dropped: they still come, silently.</p>
        <fieldset>
          <legend>Snooze offers first</legend>
          <label class="choice">
            <input type="radio" name="snooze-default" checked={form.snoozeDefault === 'hour'} onChange={() => setForm({ ...form, snoozeDefault: 'hour' })} />1 hour
          </label>
          <label class="choice">
            <input type="radio" name="snooze-default" checked={form.snoozeDefault === 'shift'} onChange={() => setForm({ ...form, snoozeDefault: 'shift' })} />
            Until the end of my shift
          </label>
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={form.sound} onChange={(e) => setForm({ ...form, sound: e.currentTarget.checked })} />
          Play the system's notification sound
        </label>
      </div>
      <SaveRow status={status} bad={bad} />
    </form>
  );
}

// -------------------------------------------------------------------------------------------------------------
// Custom domains.

export interface DomainsSectionProps {
  rows: DomainRow[];
  /** Validates, asks for the host permission (at this click) and saves; the error, or null. */
  onAdd: (text: string) => Promise<string | null>;
  onRemove: (origin: string) => Promise<void>;
  onGrant: (origin: string) => Promise<string | null>;
  /** Asks the worker to register the scripts again; the problem that remains, or null. */
  onRetry: () => Promise<string | null>;
}

function DomainsSection({ rows, onAdd, onRemove, onGrant, onRetry }: DomainsSectionProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [retryFailed, setRetryFailed] = useState(false);
  const add = async (event: Event) => {
    event.preventDefault();
    const failed = await onAdd(text);
    setError(failed ?? undefined);
    setRetryFailed(false);
    setStatus(failed ? 'Not added.' : `Added. Open ${text.trim()}/agent in a new tab to see the badges.`);
    if (!failed) setText('');
  };
  return (
    <form class="card" onSubmit={add} aria-labelledby="domains-title" noValidate>
      <h3 id="domains-title">Your own Zendesk domain</h3>
      <p class="help">For a Zendesk on your company's address (host mapping). Adding one asks the browser for access to that address only.</p>
      {rows.length ? (
        <ul class="domains">
          {rows.map((row) => (
            <li key={row.origin}>
              <code>{row.origin}</code> <DomainState row={row} />
              {row.state === 'no-access' ? (
                <button type="button" onClick={() => void onGrant(row.origin).then((e) => setStatus(e ?? 'Access granted.'))}>
                  Grant access
                </button>
              ) : null}
              {row.state === 'failed' ? (
                <button
                  type="button"
                  aria-label={`Try again for ${row.origin}`}
                  onClick={() =>
                    void onRetry().then((e) => {
                      setRetryFailed(!!e);
                      setStatus(e ?? 'Set up: badges show there now.');
                    })
                  }
                >
                  Try again
                </button>
              ) : null}
              <button type="button" aria-label={`Remove ${row.origin}`} onClick={() => void onRemove(row.origin).then(() => setStatus(`Removed ${row.origin}.`))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="fields">
        <TextField id="custom-domain" label="Zendesk address" placeholder="support.example.com" value={text} onInput={setText} error={error} />
      </div>
      <SaveRow status={status} bad={!!error || retryFailed} label="Add domain" />
    </form>
  );
}

function DomainState({ row }: { row: DomainRow }) {
  if (row.state === 'active') return <span class="ok-text">active</span>;
  if (row.state === 'pending') return <span>setting up…</span>;
  if (row.state === 'no-access') return <span class="bad-text">no access: grant it to show badges</span>;
  return <span class="bad-text">not active: {row.problem} It is tried again when the browser starts or a domain changes.</span>;
}

// -------------------------------------------------------------------------------------------------------------
// SLA: preset, overrides, thresholds.

export interface PresetChoice {
  id: SlaForm['presetId'];
  label: string;
  /** The preset's own targets, shown as placeholders: "8 business h". */
  hints: Record<'urgent' | 'high' | 'normal' | 'low', { first: string; next: string }>;
  social: string;
  community: string;
}

export interface SlaSectionProps {
  initial: SlaForm;
  presets: PresetChoice[];
  onSave: (form: SlaForm) => Promise<FieldErrors | null>;
}

const PRIORITY_LABELS = [
  ['urgent', 'Urgent'],
  ['high', 'High'],
  ['normal', 'Normal'],
  ['low', 'Low'],
] as const;

function SlaSection({ initial, presets, onSave }: SlaSectionProps) {
  const [form, setForm] = useState<SlaForm>(initial);
  const { errors, status, bad, submit } = useSave(onSave, 'Saved. Open Zendesk tabs, the popup and alerts use it now.');
  const preset = presets.find((p) => p.id === form.presetId) ?? presets[0]!;
  const setRow = (p: keyof SlaForm['priorities'], which: 'first' | 'next', patch: Partial<SlaForm['priorities']['high']['first']>) =>
    setForm({ ...form, priorities: { ...form.priorities, [p]: { ...form.priorities[p], [which]: { ...form.priorities[p][which], ...patch } } } });
  return (
    <form class="card" onSubmit={submit(form)} aria-labelledby="sla-title" noValidate>
      <h2 id="sla-title">SLA targets</h2>
      <p class="help">Used where Zendesk has no SLA policy on a ticket; Zendesk's own deadlines always win.</p>
      <div class="fields">
        <label for="sla-preset">Preset</label>
        <select id="sla-preset" value={form.presetId} onChange={(e) => setForm({ ...form, presetId: e.currentTarget.value as SlaForm['presetId'] })}>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <table class="targets">
        <caption>Targets per priority in hours; blank keeps the preset's (shown in italics)</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">First reply</th>
            <th scope="col">Next reply</th>
            <th scope="col">Counted in</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITY_LABELS.map(([p, label]) => (
            <tr key={p}>
              <th scope="row">{label}</th>
              {(['first', 'next'] as const).map((which) => {
                const id = `sla-${p}-${which}`;
                const error = errors[`${p}.${which}`];
                return (
                  <td key={which}>
                    <input
                      id={id}
                      inputMode="decimal"
                      aria-label={`${label} ${which === 'first' ? 'first reply' : 'next reply'} target in hours`}
                      placeholder={preset.hints[p][which]}
                      value={form.priorities[p][which].hours}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onInput={(e) => setRow(p, which, { hours: e.currentTarget.value })}
                    />
                    <FieldError id={`${id}-error`} error={error} />
                  </td>
                );
              })}
              <td>
                <select
                  aria-label={`${label}: hours counted in`}
                  value={form.priorities[p].first.business ? 'business' : 'calendar'}
                  onChange={(e) => {
                    const business = e.currentTarget.value === 'business';
                    setForm({ ...form, priorities: { ...form.priorities, [p]: { first: { ...form.priorities[p].first, business }, next: { ...form.priorities[p].next, business } } } });
                  }}
                >
                  <option value="business">business hours</option>
                  <option value="calendar">calendar hours</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>Social channels (Twitter, Facebook, Disqus): preset {preset.social}</legend>
        <label class="choice">
          <input type="checkbox" checked={form.social.off} onChange={(e) => setForm({ ...form, social: { ...form.social, off: e.currentTarget.checked } })} />
          No channel rule: use the priority's targets
        </label>
        <div class="row">
          <TextField id="social-first" label="First reply (business hours)" inputMode="decimal" placeholder="preset" value={form.social.first} onInput={(v) => setForm({ ...form, social: { ...form.social, first: v } })} error={errors['social.first']} class="short" />
          <TextField id="social-next" label="Next reply (business hours)" inputMode="decimal" placeholder="preset" value={form.social.next} onInput={(v) => setForm({ ...form, social: { ...form.social, next: v } })} error={errors['social.next']} class="short" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Community channels (forum, Stack Overflow, issue trackers): preset {preset.community}</legend>
        <label class="choice">
          <input type="checkbox" checked={form.community.off} onChange={(e) => setForm({ ...form, community: { ...form.community, off: e.currentTarget.checked } })} />
          No answer window: use the priority's targets
        </label>
        <div class="row">
          <TextField id="community-opens" label="Window opens after (days)" inputMode="numeric" placeholder="2" value={form.community.opensDays} onInput={(v) => setForm({ ...form, community: { ...form.community, opensDays: v } })} error={errors['community.opens']} class="short" />
          <TextField id="community-closes" label="Window closes after (days)" inputMode="numeric" placeholder="14" value={form.community.closesDays} onInput={(v) => setForm({ ...form, community: { ...form.community, closesDays: v } })} error={errors['community.closes']} class="short" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Badge states</legend>
        <div class="row">
          <TextField id="sla-warning" label="Warning from (minutes left)" inputMode="numeric" value={form.warning} onInput={(v) => setForm({ ...form, warning: v })} error={errors['warning']} class="short" />
          <TextField id="sla-critical" label="Critical from (minutes left)" inputMode="numeric" value={form.critical} onInput={(v) => setForm({ ...form, critical: v })} error={errors['critical']} class="short" />
        </div>
      </fieldset>
      <SaveRow status={status} bad={bad} />
    </form>
  );
}

// -------------------------------------------------------------------------------------------------------------
// Business hours.

export interface BusinessHoursSectionProps {
  initial: BusinessHoursForm;
  origins: string[];
  /** The schedule as "Mon 09:00-17:00" lines, for showing a fetched one. */
  describe: (schedule: BusinessSchedule) => string;
  onFetch: (origin: string, scheduleId: string) => Promise<{ ok: true; schedule: BusinessSchedule; fetchedAt: number } | { ok: false; message: string }>;
  onSave: (form: BusinessHoursForm) => Promise<FieldErrors | null>;
  /** Why the saved schedule is not in use (it no longer validates), or null. */
  problem: string | null;
  /** Why the worker's daily refresh of the saved Zendesk schedule failed (the saved one stays in use), or null. */
  refreshProblem?: string | null;
}

function BusinessHoursSection({ initial, origins, describe, onFetch, onSave, problem, refreshProblem }: BusinessHoursSectionProps) {
  const [form, setForm] = useState<BusinessHoursForm>(initial);
  const [fetchError, setFetchError] = useState<string | undefined>(undefined);
  const { errors, status, bad, submit } = useSave(onSave, 'Saved. Business-hours deadlines use this schedule now.');
  const fetchSchedule = async () => {
    setFetchError(undefined);
    const got = await onFetch(form.origin, form.scheduleId);
    if (got.ok) setForm({ ...form, fetched: { schedule: got.schedule, fetchedAt: got.fetchedAt } });
    else (setFetchError(got.message), setForm({ ...form, fetched: null }));
  };
  const scheduleError = errors['scheduleId'] ?? fetchError;
  return (
    <form class="card" onSubmit={submit(form)} aria-labelledby="hours-title" noValidate>
      <h2 id="hours-title">Business hours</h2>
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <fieldset>
        <legend>Business-hours targets count on</legend>
        <label class="choice">
          <input type="radio" name="hours-kind" checked={form.kind === 'preset'} onChange={() => setForm({ ...form, kind: 'preset' })} />
          GitLab Global Support Hours (Sunday 15:00 to Friday 17:00, Pacific time)
        </label>
        <label class="choice">
          <input type="radio" name="hours-kind" checked={form.kind === 'zendesk'} onChange={() => setForm({ ...form, kind: 'zendesk' })} />
          A Zendesk schedule, by its id
        </label>
        <label class="choice">
          <input type="radio" name="hours-kind" checked={form.kind === 'custom'} onChange={() => setForm({ ...form, kind: 'custom' })} />
          Our own weekly hours
        </label>
      </fieldset>
      {form.kind === 'zendesk' ? (
        <div class="fields">
          <label for="hours-origin">Zendesk</label>
          <select id="hours-origin" value={form.origin} onChange={(e) => setForm({ ...form, origin: e.currentTarget.value, fetched: null })}>
            {origins.length === 0 ? <option value="">No Zendesk seen yet</option> : null}
            {origins.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <TextField
            id="hours-schedule-id"
            label="Schedule id"
            inputMode="numeric"
            value={form.scheduleId}
            onInput={(v) => setForm({ ...form, scheduleId: v, fetched: null })}
            error={scheduleError}
            help="Admin Center › Objects and rules › Schedules: the number at the end of the schedule's address."
          />
          <div class="actions">
            <button type="button" onClick={() => void fetchSchedule()}>
              Fetch
            </button>
          </div>
          {form.fetched ? (
            <div class="fetched" data-fetched-schedule>
              <p>
                <strong>{form.fetched.schedule.name}</strong> ({form.fetched.schedule.time_zone})
              </p>
              <pre>{describe(form.fetched.schedule)}</pre>
              <p class="help">Fetched {new Date(form.fetched.fetchedAt).toLocaleString()}. Once saved, the extension fetches it again every day.</p>
            </div>
          ) : null}
          {refreshProblem ? (
            <p class="field-error" role="alert">
              {refreshProblem}
            </p>
          ) : null}
        </div>
      ) : null}
      {form.kind === 'custom' ? (
        <div class="fields">
          <TextField id="hours-zone" label="Time zone" placeholder="Europe/Amsterdam" value={form.zone} onInput={(v) => setForm({ ...form, zone: v })} error={errors['zone']} help="An IANA name (Europe/Amsterdam) or Zendesk's (Pacific Time (US & Canada))." />
          <label for="hours-intervals">Open hours, one line per day or range of days</label>
          <textarea
            id="hours-intervals"
            rows={5}
            spellcheck={false}
            value={form.intervals}
            aria-invalid={errors['intervals'] ? 'true' : undefined}
            aria-describedby={errors['intervals'] ? 'hours-intervals-error hours-intervals-help' : 'hours-intervals-help'}
            onInput={(e) => setForm({ ...form, intervals: e.currentTarget.value })}
          />
          <p class="help" id="hours-intervals-help">
            For example "Mon-Fri 09:00-17:00", or "Sun 15:00-24:00" and "Mon-Thu 00:00-24:00" for 24x5.
          </p>
          <FieldError id="hours-intervals-error" error={errors['intervals']} />
        </div>
      ) : null}
      {form.kind !== 'preset' ? (
        <div class="fields">
          <label for="hours-holidays">Holidays, one per line</label>
          <textarea
            id="hours-holidays"
            rows={3}
            spellcheck={false}
            value={form.holidays}
            aria-invalid={errors['holidays'] ? 'true' : undefined}
            aria-describedby={errors['holidays'] ? 'hours-holidays-error hours-holidays-help' : 'hours-holidays-help'}
            onInput={(e) => setForm({ ...form, holidays: e.currentTarget.value })}
          />
          <p class="help" id="hours-holidays-help">
            "2026-12-25 Christmas" or "2026-12-24..2026-12-26 Winter break". Zendesk does not show agents a schedule's holidays, so type them here.
          </p>
          <FieldError id="hours-holidays-error" error={errors['holidays']} />
        </div>
      ) : null}
      <SaveRow status={status} bad={bad} />
    </form>
  );
}

// -------------------------------------------------------------------------------------------------------------
// The agent's shift.

export interface ShiftSectionProps {
  initial: ShiftForm;
  onSave: (form: ShiftForm) => Promise<FieldErrors | null>;
}

function ShiftSection({ initial, onSave }: ShiftSectionProps) {
  const [form, setForm] = useState<ShiftForm>(initial);
  const { errors, status, bad, submit } = useSave(onSave, 'Saved. The popup counts "before my shift ends" to this time.');
  return (
    <form class="card" onSubmit={submit(form)} aria-labelledby="shift-title" noValidate>
      <h2 id="shift-title">My shift</h2>
      <div class="row">
        <TextField id="shift-end" label="My shift ends at" placeholder="17:00" value={form.end} onInput={(v) => setForm({ ...form, end: v })} error={errors['shiftEnd']} class="short" />
        <TextField id="shift-zone" label="In the time zone" placeholder="this computer's" value={form.zone} onInput={(v) => setForm({ ...form, zone: v })} error={errors['shiftZone']} help="Blank: this computer's time zone." />
      </div>
      <SaveRow status={status} bad={bad} />
    </form>
  );
}

// -------------------------------------------------------------------------------------------------------------
// Escalation (STAR).

export interface EscalationSectionProps {
  initial: EscalationSettings;
  /** Validates, asks for access to hooks.slack.com at this click when a webhook is set, and saves. */
  onSave: (form: EscalationSettings) => Promise<FieldErrors | null>;
}

function EscalationSection({ initial, onSave }: EscalationSectionProps) {
  const [form, setForm] = useState<EscalationSettings>(initial);
  const { errors, status, bad, submit } = useSave(onSave, 'Saved.');
  return (
    <form class="card" onSubmit={submit(form)} aria-labelledby="escalation-title" noValidate>
      <h2 id="escalation-title">Escalation (STAR)</h2>
      <div class="fields">
        <TextField id="star-tag" label="Tag added with a STAR" value={form.starTag} onInput={(v) => setForm({ ...form, starTag: v })} error={errors['starTag']} />
        <TextField
          id="star-form"
          label="STAR form address"
          type="url"
          placeholder="https://forms.example.com/star?ticket={ticket_id}"
          value={form.formUrlTemplate}
          onInput={(v) => setForm({ ...form, formUrlTemplate: v })}
          error={errors['formUrlTemplate']}
          help="Optional. {ticket_id}-style placeholders are filled in from the ticket."
        />
        <TextField
          id="star-slack"
          label="Slack webhook"
          type="url"
          placeholder="https://hooks.slack.com/services/…"
          value={form.slackWebhookUrl}
          onInput={(v) => setForm({ ...form, slackWebhookUrl: v })}
          error={errors['slackWebhookUrl']}
          help="Optional. Saving one asks the browser for access to hooks.slack.com, used only to post the STAR."
        />
      </div>
      <SaveRow status={status} bad={bad} />
    </form>
  );
}

// -------------------------------------------------------------------------------------------------------------
// All settings as one file.

export interface SettingsFileSectionProps {
  onExport: () => void;
  onPreview: (text: string) => ImportResult | Promise<ImportResult>;
  /** Applies a checked import (asking for the permissions it needs at this click); an error, or null. */
  onApply: (preview: ImportPreview) => Promise<string | null>;
  /** What the last import did (the page redraws every form after one). */
  notice?: string;
}

function SettingsFileSection({ onExport, onPreview, onApply, notice }: SettingsFileSectionProps) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [status, setStatus] = useState(notice ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  const choose = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setStatus('');
    const r = await onPreview(await file.text());
    setResult(r);
    input.value = '';
    setTimeout(() => heading.current?.focus());
  };
  const apply = async () => {
    if (!result?.ok) return;
    const failed = await onApply(result.preview);
    setStatus(failed ?? 'Imported. Open Zendesk tabs, the popup and the worker use the new settings now.');
    if (!failed) setResult(null);
  };
  return (
    <section class="card" aria-labelledby="file-title">
      <h2 id="file-title">Share settings with the team</h2>
      <p class="help">One file with the SLA, business hours, shift, alerts, escalation, custom domains and playbook. API tokens are never in it.</p>
      <div class="actions">
        <button type="button" onClick={onExport}>
          Export settings
        </button>
      </div>
      <div class="fields">
        <label for="settings-file">Import a settings file</label>
        <input id="settings-file" type="file" accept=".json,application/json" onChange={(e) => void choose(e)} />
      </div>
      {result && !result.ok ? (
        <div class="playbook-errors" data-settings-errors>
          <h3 tabIndex={-1} ref={heading}>
            Not imported: the file has {result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`}
          </h3>
          <ul>
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          <p>Nothing was changed.</p>
        </div>
      ) : null}
      {result?.ok ? (
        <div class="playbook-preview" data-settings-preview>
          <h3 tabIndex={-1} ref={heading}>
            What the import changes
          </h3>
          <ul class="diff">
            {result.preview.changes.map((c) => (
              <li key={c.name}>
                <strong>{c.label}</strong>
                {c.migrated ? ' (saved by an older version; updated to this one)' : ''}
                {c.lines.length === 0 ? ': unchanged' : (
                  <ul>
                    {c.lines.map((l) => (
                      <li key={l}>
                        <code>{l}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {result.preview.permissions.length ? <p class="help">Apply asks the browser for access to {result.preview.permissions.join(', ')}.</p> : null}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void apply()}>
              Apply
            </button>
            <button type="button" onClick={() => (setResult(null), setStatus('Cancelled. Nothing changed.'))}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}

function errorWhere(error: PlaybookError): string {
  const line = error.line === null ? '' : `Line ${error.line}`;
  const path = error.path === '' ? '' : error.path;
  return [line, path].filter(Boolean).join(', ') || 'The file';
}

function IdList({ label, ids }: { label: string; ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <li>
      {label}:{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <code>{id}</code>
        </span>
      ))}
    </li>
  );
}

function PreviewView({ preview }: { preview: PlaybookPreview }) {
  const { diff, overridden } = preview;
  return (
    <div class="preview" data-playbook-preview>
      <p>
        {preview.mode === 'replace' ? (
          <>
            <strong>Replace</strong> the default playbook with "{preview.name}" from {preview.fileName}.
          </>
        ) : (
          <>
            <strong>Extend</strong> the default playbook with the rules and cards from {preview.fileName}.
          </>
        )}
      </p>
      {diff.same ? (
        <p>Nothing changes: this is the playbook in use.</p>
      ) : (
        <ul class="diff">
          <IdList label="Rules added" ids={diff.rules.added} />
          <IdList label="Rules removed" ids={diff.rules.removed} />
          <IdList label="Rules changed" ids={diff.rules.changed} />
          <IdList label="Cards added" ids={diff.cards.added} />
          <IdList label="Cards removed" ids={diff.cards.removed} />
          <IdList label="Cards changed" ids={diff.cards.changed.map((c) => `${c.id} (${c.fields.join(', ')})`)} />
        </ul>
      )}
      {overridden.rules.length + overridden.cards.length > 0 ? (
        <p class="help">
          The team's version wins where an id is also in the default playbook:{' '}
          {[...overridden.rules.map((id) => `rule ${id}`), ...overridden.cards.map((id) => `card ${id}`)].join(', ')}.
        </p>
      ) : null}
    </div>
  );
}

/**
 * Import (file or pasted text) → Parse → errors with their lines, or a preview → Apply or Cancel; Export; Reset.
 * Nothing is saved until Apply, and only a valid playbook reaches Apply.
 */
export function PlaybookSection({ status, onParse, onApply, onExport, onReset }: PlaybookSectionProps) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [format, setFormat] = useState<PlaybookFormat>('yaml');
  const [mode, setMode] = useState<ImportMode>('extend');
  const [errors, setErrors] = useState<PlaybookError[] | null>(null);
  const [preview, setPreview] = useState<PlaybookPreview | null>(null);
  const [message, setMessage] = useState('');
  const textArea = useRef<HTMLTextAreaElement>(null);
  const errorsHeading = useRef<HTMLHeadingElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  const clearResult = () => {
    setErrors(null);
    setPreview(null);
  };
  const chooseFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    clearResult();
    setText(await file.text());
    setFileName(file.name);
    setFormat(/\.json$/i.test(file.name) ? 'json' : 'yaml');
    setMessage(`Read ${file.name}. Parse it to see what it changes.`);
  };
  const parse = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const outcome = await onParse({ text, format, mode, fileName });
    if (outcome.ok) {
      setErrors(null);
      setPreview(outcome.preview);
      setTimeout(() => previewHeading.current?.focus());
    } else {
      setPreview(null);
      setErrors(outcome.errors);
      setMessage('Not imported: the playbook in use is unchanged.');
      setTimeout(() => errorsHeading.current?.focus());
    }
  };
  /** Puts the cursor on the error's line in the text, so it can be fixed there. */
  const goToLine = (line: number) => {
    const area = textArea.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };
  const apply = async () => {
    if (!preview) return;
    const failed = await onApply(preview);
    if (failed) {
      setErrors(failed);
      setPreview(null);
      setMessage('Not applied: the playbook in use is unchanged.');
      return;
    }
    setPreview(null);
    setMessage(`Applied. Open Zendesk tabs use "${preview.name}" now.`);
  };
  const reset = async () => {
    await onReset();
    clearResult();
    setMessage('Reset. Open Zendesk tabs use the default playbook now.');
  };

  return (
    <section class="card" aria-labelledby="playbook-title">
      <h2 id="playbook-title">Guidance playbook</h2>
      <p data-playbook-status>
        In use: <strong>{status.name}</strong>{' '}
        {status.mode === 'default'
          ? '(the default playbook)'
          : `(${status.mode === 'replace' ? 'replacing' : 'extending'} the default, from ${status.fileName ?? 'an import'}${
              status.importedAt === null ? '' : `, imported ${new Date(status.importedAt).toLocaleString()}`
            })`}
      </p>
      {status.problem ? (
        <p class="field-error" role="alert">
          {status.problem}
        </p>
      ) : null}
      <form onSubmit={parse} noValidate aria-labelledby="playbook-import-title">
        <h3 id="playbook-import-title">Import a team playbook</h3>
        <div class="fields">
          <label for="playbook-file">Playbook file (JSON or YAML)</label>
          <input id="playbook-file" type="file" accept=".json,.yaml,.yml,application/json,application/yaml" onChange={(e) => void chooseFile(e)} />
          <label for="playbook-text">Or paste the playbook</label>
          <textarea
            id="playbook-text"
            ref={textArea}
            rows={10}
            spellcheck={false}
            value={text}
            aria-invalid={errors ? 'true' : undefined}
            aria-describedby={errors ? 'playbook-errors-title' : undefined}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setFileName('');
              clearResult();
            }}
          />
          <label for="playbook-format">Format</label>
          <select id="playbook-format" value={format} onChange={(e) => setFormat(e.currentTarget.value === 'json' ? 'json' : 'yaml')}>
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <fieldset>
          <legend>What the import does</legend>
          <label class="choice">
            <input type="radio" name="playbook-mode" checked={mode === 'extend'} onChange={() => (setMode('extend'), clearResult())} />
            Extend the default playbook (the team's rules and cards are added; where an id is in both, the team's wins)
          </label>
          <label class="choice">
            <input type="radio" name="playbook-mode" checked={mode === 'replace'} onChange={() => (setMode('replace'), clearResult())} />
            Replace the default playbook
          </label>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            Parse
          </button>
        </div>
      </form>
      {errors ? (
        <div class="playbook-errors">
          <h3 id="playbook-errors-title" tabIndex={-1} ref={errorsHeading}>
            {errors.length === 1 ? '1 problem' : `${errors.length} problems`} in the playbook
          </h3>
          <ul>
            {errors.map((error, i) => (
              <li key={i} data-line={error.line ?? undefined} data-path={error.path}>
                {error.line === null ? (
                  <strong>{errorWhere(error)}</strong>
                ) : (
                  <button type="button" class="link" onClick={() => goToLine(error.line!)} title="Show this line in the text">
                    {errorWhere(error)}
                  </button>
                )}
                : {error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview ? (
        <div class="playbook-preview">
          <h3 id="playbook-preview-title" tabIndex={-1} ref={previewHeading}>
            Preview
          </h3>
          <PreviewView preview={preview} />
          <div class="actions">
            <button type="button" class="primary" onClick={() => void apply()}>
              Apply
            </button>
            <button type="button" onClick={() => (setPreview(null), setMessage('Cancelled. Nothing changed.'))}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div class="actions">
        <button type="button" onClick={() => onExport('yaml')}>
          Export as YAML
        </button>
        <button type="button" onClick={() => onExport('json')}>
          Export as JSON
        </button>
        <button type="button" onClick={() => void reset()} disabled={status.mode === 'default' && status.problem === null}>
          Reset to default
        </button>
        <p class={`status${errors ? ' status-bad' : ''}`} role="status">
          {message}
        </p>
      </div>
    </section>
  );
}

export function OptionsApp(props: OptionsAppProps) {
  const { instances, onSaveAuth, onTestAuth } = props;
  return (
    <main>
      <h1>Zendesk SLA Overlay settings</h1>
      <nav aria-label="Sections">
        <a href="#instances-title">Zendesk</a> · <a href="#sla-title">SLA</a> · <a href="#hours-title">Business hours</a> · <a href="#shift-title">Shift</a> ·{' '}
        <a href="#alerts-title">Alerts</a> · <a href="#escalation-title">Escalation</a> · <a href="#file-title">Share</a> · <a href="#playbook-title">Guidance</a>
      </nav>
      <section aria-labelledby="instances-title">
        <h2 id="instances-title">Zendesk instances</h2>
        {instances.length === 0 ? (
          <p class="empty">No Zendesk seen yet. Open your Zendesk agent page (https://yours.zendesk.com/agent) and it appears here.</p>
        ) : (
          instances.map((row) => <InstanceAuthForm key={row.origin} row={row} onSave={onSaveAuth} onTest={onTestAuth} />)
        )}
        <DomainsSection {...props.domains} />
      </section>
      <SlaSection {...props.sla} />
      <BusinessHoursSection {...props.businessHours} />
      <ShiftSection {...props.shift} />
      <AlertsSection initial={props.alerts} onSave={props.onSaveAlerts} />
      <EscalationSection {...props.escalation} />
      <SettingsFileSection {...props.settingsFile} />
      <PlaybookSection {...props.playbook} />
    </main>
  );
}
