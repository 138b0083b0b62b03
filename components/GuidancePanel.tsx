/**
 * The guidance panel for the selected ticket: the handbook's cards for its channel and situation, most important
 * first, with why each matched, a checklist, reply templates and links; and the reply checks on the current draft.
 * Pure: props in, callbacks out. Ticket content is rendered as text only (Preact escapes it).
 */
import type { ReplyWarning } from '@/lib/guidance/evaluate';
import type { CardView } from '@/lib/guidance-ui/view';

export type GuidanceState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; cards: CardView[] };
export type PanelPlace = 'side' | 'header' | 'floating';

export interface GuidancePanelProps {
  ticketId: number;
  /** `light`, `dark` or `system` (Zendesk's html[data-theme]). */
  theme: string;
  place: PanelPlace;
  open: boolean;
  state: GuidanceState;
  /** `cardId|itemId` of the ticked checklist items on this ticket. */
  ticked: ReadonlySet<string>;
  warnings: readonly ReplyWarning[];
  /** A short message after an action ("Inserted into the reply", "Copied to the clipboard: …"). */
  notice: string | null;
  onToggle: () => void;
  onTick: (cardId: string, itemId: string, ticked: boolean) => void;
  onInsert: (cardId: string, templateId: string) => void;
  onCopy: (cardId: string, templateId: string) => void;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function GuidancePanel(props: GuidancePanelProps) {
  const { state, open, warnings } = props;
  const count = state.kind === 'ready' ? state.cards.length : null;
  const bodyId = `zso-guidance-body-${props.ticketId}`;
  return (
    <section class={`panel theme-${props.theme} place-${props.place}`} aria-label={`Handbook guidance for ticket #${props.ticketId}`}>
      <h2 class="heading">
        <button type="button" class="toggle" aria-expanded={open} aria-controls={bodyId} onClick={props.onToggle}>
          <span class="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span class="title">Guidance</span>
          {count !== null && <span class="count">{plural(count, 'card', 'cards')}</span>}
          {warnings.length > 0 && (
            <span class="warn-count" aria-label={plural(warnings.length, 'reply warning', 'reply warnings')}>
              <span aria-hidden="true">⚠ {warnings.length}</span>
            </span>
          )}
        </button>
      </h2>
      <div id={bodyId} class="body" hidden={!open}>
        {warnings.length > 0 && <Warnings warnings={warnings} />}
        <p class="notice" role="status">
          {props.notice}
        </p>
        {state.kind === 'loading' && <p class="muted">Loading the handbook's guidance for this ticket…</p>}
        {state.kind === 'error' && (
          <p class="error" role="alert">
            No guidance: {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.cards.length === 0 && <p class="muted">No handbook card matches this ticket.</p>}
        {state.kind === 'ready' && state.cards.map((card) => <Card key={card.id} card={card} {...props} />)}
      </div>
    </section>
  );
}

function Warnings({ warnings }: { warnings: readonly ReplyWarning[] }) {
  return (
    <div class="warnings" role="region" aria-label="Reply checks">
      <h3>Before you send</h3>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.cardId}/${w.checkId}`} data-check-id={w.checkId}>
            <p class="warn-message">{w.message}</p>
            <ul class="details">
              {w.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p class="muted small">A warning never blocks sending.</p>
    </div>
  );
}

function Card({ card, ticked, onTick, onInsert, onCopy }: { card: CardView } & GuidancePanelProps) {
  const titleId = `zso-card-${card.id}`;
  return (
    <article class="card" data-card-id={card.id} aria-labelledby={titleId}>
      <h3 id={titleId}>{card.title}</h3>
      <p class="why">
        {card.why}{' '}
        <a href={card.handbook.url} target="_blank" rel="noopener noreferrer">
          Handbook: {card.handbook.section}
        </a>
      </p>
      {card.reasons.length > 0 && (
        <details class="reasons">
          <summary>Why this card</summary>
          <ul>
            {card.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      )}
      {card.checklist.length > 0 && (
        <fieldset class="checklist">
          <legend>Checklist</legend>
          {card.checklist.map((item) => {
            const key = `${card.id}|${item.id}`;
            const done = ticked.has(key);
            return (
              <label key={item.id} class={done ? 'item done' : 'item'} data-item-id={item.id}>
                <input type="checkbox" checked={done} onChange={(e) => onTick(card.id, item.id, e.currentTarget.checked)} />
                <span>{item.text}</span>
              </label>
            );
          })}
        </fieldset>
      )}
      {card.templates.length > 0 && (
        <div class="templates">
          <h4>Reply templates</h4>
          {card.templates.map((t) => (
            <div key={t.id} class="template" data-template-id={t.id}>
              <details>
                <summary>{t.title}</summary>
                <pre>{t.text}</pre>
              </details>
              {t.missing.length > 0 && <p class="muted small">Fill in before sending: {t.missing.map((m) => `{{${m}}}`).join(', ')}</p>}
              <div class="actions">
                <button type="button" class="primary" onClick={() => onInsert(card.id, t.id)} aria-label={`Insert "${t.title}" into the reply`}>
                  Insert
                </button>
                <button type="button" onClick={() => onCopy(card.id, t.id)} aria-label={`Copy "${t.title}" to the clipboard`}>
                  Copy
                </button>
              </div>
            </div>
          ))}
        </div>
      )}
      {card.links.length > 0 && (
        <ul class="links" aria-label="Links">
          {card.links.map((l) => (
            <li key={l.id} data-link-id={l.id}>
              {l.url ? (
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.title}
                </a>
              ) : (
                <span class="link-disabled" aria-disabled="true">
                  {l.title} <span class="muted small">(needs {l.missing.join(', ')})</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export interface ReplyNoteProps {
  theme: string;
  warnings: readonly ReplyWarning[];
}

/** The small note under the composer: the first warning in words, and how many more the panel lists. */
export function ReplyNote({ theme, warnings }: ReplyNoteProps) {
  const first = warnings[0];
  return (
    <div class={`note theme-${theme}`} role="status">
      {first && (
        <p>
          <span aria-hidden="true">⚠ </span>
          <span class="note-message">{first.message}</span>
          {warnings.length > 1 && <span class="muted"> ({plural(warnings.length - 1, 'more warning', 'more warnings')} in the guidance panel)</span>}
        </p>
      )}
    </div>
  );
}
