/**
 * The escalation dialog: which path fits (the handbook's five), the STAR's criteria evaluated from the ticket's
 * data with the judged ones as questions, the confirmation with the STAR's fields, and the finished STAR with each
 * action's outcome and a retry of what failed. Emergency mode on top for urgent / emergency-form tickets.
 * Pure: props in, callbacks out; the shell (lib/star/shell.ts) owns messaging, focus return and the host.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StarCheckResponse } from '@/lib/messaging';
import { formProblems } from '@/lib/star/form-check';
import {
  ESCALATION_PATHS,
  JUDGED_CRITERIA,
  STAR_URGENCIES,
  URGENCY_LABELS,
  starDecision,
  type JudgedCriterionId,
  type StarForm,
  type StarRecordView,
  type StepName,
} from '@/lib/star/types';
import { EmergencyPanel } from './EmergencyPanel';

export type StarCheck = Extract<StarCheckResponse, { ok: true }>;
export type DialogState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; check: StarCheck };

export interface StarDialogProps {
  ticketId: number;
  theme: string;
  state: DialogState;
  /** The worker's clock now (ticks every second while open). */
  now: number;
  busy: boolean;
  requestError: string | null;
  onClose(): void;
  onReload(): void;
  onSubmit(form: StarForm, ticked: JudgedCriterionId[]): void;
  onRetry(): void;
}

const VERDICT_ICON = { pass: '✓', fail: '✗', unknown: '?' } as const;
const VERDICT_WORD = { pass: 'Yes', fail: 'No', unknown: 'Could not check' } as const;
const STEP_LABEL: Record<StepName, string> = { zendesk: 'Internal note and tag in Zendesk', form: "The team's STAR form", slack: 'Slack message' };
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function trapFocus(e: KeyboardEvent, root: HTMLElement | null, onClose: () => void): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    onClose();
    return;
  }
  if (e.key !== 'Tab' || !root) return;
  // checkVisibility, not offsetParent: the links inside a closed <details> keep an offsetParent in Chromium
  // (its content is only content-visibility: hidden), so the last of them was taken for the last stop and Tab
  // left the modal.
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el === root || el.checkVisibility());
  const first = items[0];
  const last = items[items.length - 1];
  const active = (root.getRootNode() as ShadowRoot | Document).activeElement;
  if (!first || !last) return;
  if (e.shiftKey && (active === first || active === root)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

export function StarDialog(props: StarDialogProps) {
  const { state, onClose } = props;
  const root = useRef<HTMLDivElement>(null);
  // In the same task as the click that opened it: with a later effect, an Escape pressed at once still went to
  // the Escalate button (whose host keeps its keys from the page) and the dialog then took the focus anyway.
  useLayoutEffect(() => {
    root.current?.focus();
  }, []);
  return (
    <div class={`backdrop theme-${props.theme}`} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={root}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="zso-star-title"
        tabIndex={-1}
        onKeyDown={(e) => trapFocus(e, root.current, onClose)}
        data-ticket-id={props.ticketId}
      >
        <header class="head">
          <h2 id="zso-star-title">Escalate ticket #{props.ticketId}</h2>
          <button type="button" class="icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div class="content">
          {state.kind === 'loading' && <p class="muted" role="status">Checking the ticket…</p>}
          {state.kind === 'error' && (
            <div class="error" role="alert">
              <p>{state.message}</p>
              <button type="button" onClick={props.onReload}>
                Try again
              </button>
            </div>
          )}
          {state.kind === 'ready' && <Ready {...props} check={state.check} />}
        </div>
      </div>
    </div>
  );
}

function Ready(props: StarDialogProps & { check: StarCheck }) {
  const { check, now } = props;
  const { assessment } = check;
  const [ticked, setTicked] = useState<JudgedCriterionId[]>([]);
  const [confirming, setConfirming] = useState(false);
  const decision = starDecision(assessment, ticked);
  return (
    <>
      {assessment.emergency && <EmergencyPanel facts={assessment.emergency} now={now} />}
      {check.record ? (
        <StarResult record={check.record} busy={props.busy} error={props.requestError} onRetry={props.onRetry} />
      ) : confirming && decision.available ? (
        <Confirmation {...props} ticked={ticked} reasons={decision.reasons} onBack={() => setConfirming(false)} />
      ) : (
        <>
          <section class="star" aria-labelledby="zso-star-criteria">
            <h3 id="zso-star-criteria">Support Ticket Attention Request (STAR)</h3>
            {check.existingTag && (
              <p class="warn" role="note">
                This ticket already has the tag <code>{check.actions.tag}</code>: a STAR was already requested, by another agent or browser.
              </p>
            )}
            <ul class="criteria">
              {assessment.criteria.map((c) => (
                <li key={c.id} class={`verdict-${c.verdict}`} data-criterion={c.id} data-verdict={c.verdict}>
                  <span class="mark" aria-hidden="true">
                    {VERDICT_ICON[c.verdict]}
                  </span>
                  <span>
                    <span class="label">{c.label}</span>
                    <span class="sr-only">: {VERDICT_WORD[c.verdict]}. </span>
                    <span class="detail">{c.detail}</span>
                    {c.blocking ? null : <span class="tag">reason</span>}
                  </span>
                </li>
              ))}
            </ul>
            <fieldset class="judged">
              <legend>Your judgement (tick what is true)</legend>
              {JUDGED_CRITERIA.map((j) => (
                <label key={j.id}>
                  <input
                    type="checkbox"
                    data-judged={j.id}
                    checked={ticked.includes(j.id)}
                    onChange={(e) => setTicked(e.currentTarget.checked ? [...ticked, j.id] : ticked.filter((x) => x !== j.id))}
                  />
                  <span>{j.label}</span>
                </label>
              ))}
            </fieldset>
            {decision.available ? (
              <p class="ok" data-star-available="true">
                A STAR fits this ticket.
              </p>
            ) : (
              <div class="blocked" data-star-available="false" role="status">
                <p>A STAR is not available:</p>
                <ul>
                  {decision.blockers.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </div>
            )}
            <div class="actions">
              <button type="button" class="primary" disabled={!decision.available || check.existingTag} onClick={() => setConfirming(true)}>
                Continue to STAR…
              </button>
            </div>
          </section>
          <Paths />
        </>
      )}
    </>
  );
}

function Paths() {
  return (
    <details class="paths">
      <summary>Which escalation path fits? (handbook)</summary>
      {ESCALATION_PATHS.map((p) => (
        <div class="path" key={p.id} data-path={p.id}>
          <h4>{p.title}</h4>
          <ul>
            {p.when.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p class="small">
            <strong>Goes to:</strong> {p.where}{' '}
            <a href={p.href} target="_blank" rel="noopener noreferrer">
              Handbook
            </a>
          </p>
        </div>
      ))}
    </details>
  );
}

function Confirmation(props: StarDialogProps & { check: StarCheck; ticked: JudgedCriterionId[]; reasons: string[]; onBack(): void }) {
  const { check } = props;
  const [form, setForm] = useState<StarForm>(() => ({ ...check.assessment.suggested, reason: check.assessment.suggested.reason || props.reasons.join('; ') }));
  const [shown, setShown] = useState(false);
  const problems = formProblems(form);
  const field = (key: keyof StarForm) => ({
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value }),
  });
  const submit = (e: Event) => {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length === 0 && !props.busy) props.onSubmit(form, props.ticked);
  };
  const err = (key: keyof StarForm) =>
    shown && problems[key] ? (
      <span class="field-error" id={`zso-err-${key}`}>
        {problems[key]}
      </span>
    ) : null;
  const { actions } = check;
  return (
    <form class="confirm" onSubmit={submit} aria-labelledby="zso-confirm-title" noValidate>
      <h3 id="zso-confirm-title">Request a STAR</h3>
      <fieldset>
        <legend>Urgency</legend>
        {STAR_URGENCIES.map((u) => (
          <label key={u}>
            <input type="radio" name="urgency" value={u} checked={form.urgency === u} onChange={() => setForm({ ...form, urgency: u })} />
            <span>{URGENCY_LABELS[u]}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>Reason</span>
        <textarea rows={3} name="reason" aria-invalid={shown && !!problems.reason} aria-describedby="zso-err-reason" {...field('reason')} />
        {err('reason')}
      </label>
      <label class="field">
        <span>Desired result</span>
        <textarea rows={2} name="desiredResult" aria-invalid={shown && !!problems.desiredResult} aria-describedby="zso-err-desiredResult" {...field('desiredResult')} />
        {err('desiredResult')}
      </label>
      <div class="row">
        <label class="field">
          <span>Plan</span>
          <input type="text" name="plan" {...field('plan')} />
        </label>
        <label class="field">
          <span>GitLab.com group (URL or name)</span>
          <input type="text" name="group" {...field('group')} />
        </label>
      </div>
      <h4>What happens</h4>
      <ul class="plan-steps">
        <li>
          In Zendesk: an internal note with this STAR and the tag <code>{actions.tag}</code>.
        </li>
        {actions.form && <li>The team's STAR form opens in a new tab with these fields.{actions.problems.form ? <span class="warn-inline"> {actions.problems.form}</span> : null}</li>}
        {actions.slack && <li>A message to the team's Slack channel.{actions.problems.slack ? <span class="warn-inline"> {actions.problems.slack}</span> : null}</li>}
        {!actions.form && !actions.slack && <li class="muted">No STAR form or Slack webhook is set (options page).</li>}
      </ul>
      {props.requestError && (
        <p class="error" role="alert">
          {props.requestError}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          Back
        </button>
        {/* aria-disabled, not disabled, while busy: a disabled button drops the focus out of the dialog. */}
        <button type="submit" class="primary" aria-disabled={props.busy} aria-busy={props.busy}>
          {props.busy ? 'Requesting…' : 'Request STAR'}
        </button>
      </div>
    </form>
  );
}

/** Whole seconds until `until` (epoch ms), counted down each second; 0 once it has passed. */
function useSecondsUntil(until: number): number {
  const left = () => Math.max(0, Math.ceil((until - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (left() === 0) return undefined;
    const timer = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}

export function StarResult({ record, busy, error, onRetry }: { record: StarRecordView; busy: boolean; error: string | null; onRetry(): void }) {
  const failed = (Object.keys(record.steps) as StepName[]).filter((s) => record.steps[s].status === 'failed');
  // Zendesk's Retry-After on a failed step: the Retry waits it out (the worker would not send before it either).
  const wait = useSecondsUntil(Math.max(0, ...failed.map((s) => record.steps[s].retryAt ?? 0)));
  const blocked = busy || wait > 0;
  const retryLabel = `Retry ${failed.map((s) => STEP_LABEL[s].charAt(0).toLowerCase() + STEP_LABEL[s].slice(1)).join(' and ')}`;
  return (
    <section class="result" aria-labelledby="zso-result-title" data-star-record>
      <h3 id="zso-result-title">STAR requested</h3>
      <p class="small muted">
        {new Date(record.requestedAt).toLocaleString()} · {URGENCY_LABELS[record.form.urgency]}
      </p>
      <ul class="steps" aria-live="polite">
        {(Object.keys(STEP_LABEL) as StepName[]).map((s) => {
          const step = record.steps[s];
          if (step.status === 'skipped') return null;
          return (
            <li key={s} data-step={s} data-status={step.status} class={`step-${step.status}`}>
              <span class="mark" aria-hidden="true">
                {step.status === 'done' ? '✓' : step.status === 'failed' ? '✗' : '…'}
              </span>
              <span>
                <strong>{STEP_LABEL[s]}</strong>: {step.status === 'done' ? 'done' : step.status === 'failed' ? 'failed' : 'in progress'}
                {step.message ? <span class="detail">{step.message}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {failed.length > 0 && (
        <div class="actions">
          <button type="button" class="primary" aria-disabled={blocked} aria-busy={busy} onClick={() => !blocked && onRetry()} data-retry>
            {busy ? 'Retrying…' : wait > 0 ? `${retryLabel} in ${wait} s` : retryLabel}
          </button>
        </div>
      )}
    </section>
  );
}
