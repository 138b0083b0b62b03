/**
 * The options page: how the worker signs in to each Zendesk instance, and when alerts fire. Pure: data and
 * async callbacks in; the entrypoint (entrypoints/options/main.tsx) owns storage and messages. A form is only
 * saved when the callback says it is valid; otherwise each field shows what to fix.
 */
import { useState } from 'preact/hooks';
import type { AlertsForm, AuthForm, FieldErrors } from '@/lib/options/forms';

export interface InstanceRow {
  origin: string;
  mode: 'session' | 'token';
  email: string;
  /** "••••1234" when a token is saved. */
  tokenMask: string | null;
}

export interface OptionsAppProps {
  instances: InstanceRow[];
  alerts: AlertsForm;
  onSaveAuth: (origin: string, form: AuthForm) => Promise<FieldErrors | null>;
  onTestAuth: (origin: string, form: AuthForm) => Promise<{ ok: boolean; message: string }>;
  onSaveAlerts: (form: AlertsForm) => Promise<FieldErrors | null>;
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

function AlertsSection({ initial, onSave }: { initial: AlertsForm; onSave: OptionsAppProps['onSaveAlerts'] }) {
  const [form, setForm] = useState<AlertsForm>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string>('');
  const save = async (event: Event) => {
    event.preventDefault();
    const result = await onSave(form);
    setErrors(result ?? {});
    setStatus(result ? 'Not saved: fix the fields marked above.' : 'Saved. The worker uses the new settings from its next check.');
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="alerts-title" noValidate>
      <h2 id="alerts-title">Breach alerts</h2>
      <div class="fields">
        <label for="lead-times">Warn this many minutes before a breach</label>
        <input
          id="lead-times"
          value={form.leadTimes}
          aria-invalid={errors['leadTimes'] ? 'true' : undefined}
          aria-describedby={errors['leadTimes'] ? 'lead-times-error' : 'lead-times-help'}
          onInput={(e) => setForm({ ...form, leadTimes: e.currentTarget.value })}
        />
        <p class="help" id="lead-times-help">
          Comma-separated, for example 60, 15, 5.
        </p>
        <FieldError id="lead-times-error" error={errors['leadTimes']} />
        <label class="choice">
          <input type="checkbox" checked={form.breach} onChange={(e) => setForm({ ...form, breach: e.currentTarget.checked })} />
          Also alert at the breach itself
        </label>
        <label for="poll-seconds">Check Zendesk every (seconds)</label>
        <input
          id="poll-seconds"
          inputMode="numeric"
          value={form.pollSeconds}
          aria-invalid={errors['pollSeconds'] ? 'true' : undefined}
          aria-describedby={errors['pollSeconds'] ? 'poll-seconds-error' : undefined}
          onInput={(e) => setForm({ ...form, pollSeconds: e.currentTarget.value })}
        />
        <FieldError id="poll-seconds-error" error={errors['pollSeconds']} />
        <label for="team-size">Agents on this Zendesk account using the extension</label>
        <input
          id="team-size"
          inputMode="numeric"
          value={form.teamSize}
          aria-invalid={errors['teamSize'] ? 'true' : undefined}
          aria-describedby={errors['teamSize'] ? 'team-size-error' : 'team-size-help'}
          onInput={(e) => setForm({ ...form, teamSize: e.currentTarget.value })}
        />
        <p class="help" id="team-size-help">
          Everyone's checks share the account's API budget; each agent checks less often as the team grows.
        </p>
        <FieldError id="team-size-error" error={errors['teamSize']} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
        <p class={`status${Object.keys(errors).length ? ' status-bad' : ''}`} role="status">
          {status}
        </p>
      </div>
    </form>
  );
}

export function OptionsApp({ instances, alerts, onSaveAuth, onTestAuth, onSaveAlerts }: OptionsAppProps) {
  return (
    <main>
      <h1>Zendesk SLA Overlay settings</h1>
      <section aria-labelledby="instances-title">
        <h2 id="instances-title">Zendesk instances</h2>
        {instances.length === 0 ? (
          <p class="empty">No Zendesk seen yet. Open your Zendesk agent page (https://yours.zendesk.com/agent) and it appears here.</p>
        ) : (
          instances.map((row) => <InstanceAuthForm key={row.origin} row={row} onSave={onSaveAuth} onTest={onTestAuth} />)
        )}
      </section>
      <AlertsSection initial={alerts} onSave={onSaveAlerts} />
    </main>
  );
}
