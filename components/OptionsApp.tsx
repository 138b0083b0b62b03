/**
 * The options page: how the worker signs in to each Zendesk instance, and when alerts fire. Pure: data and
 * async callbacks in; the entrypoint (entrypoints/options/main.tsx) owns storage and messages. A form is only
 * saved when the callback says it is valid; otherwise each field shows what to fix.
 */
import { useRef, useState } from 'preact/hooks';
import type { PlaybookError } from '@/lib/guidance/playbook-schema';
import type { ImportMode, ImportOutcome, ImportRequest, PlaybookFormat, PlaybookPreview } from '@/lib/guidance-ui/playbook-import';
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
  playbook: PlaybookSectionProps;
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

export function OptionsApp({ instances, alerts, onSaveAuth, onTestAuth, onSaveAlerts, playbook }: OptionsAppProps) {
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
      <PlaybookSection {...playbook} />
    </main>
  );
}
