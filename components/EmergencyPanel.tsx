/**
 * Emergency mode (DOMAIN.md c5), for urgent tickets and tickets on the emergency form: the page's acknowledge
 * window, the 30-minute first-reply countdown, the first reply's checklist, after an hour the crisis checklist,
 * and the reminder that a public reply resets the SLA. Pure: facts and `now` in; ticks are local to the dialog.
 */
import { useState } from 'preact/hooks';
import type { EmergencyFacts } from '@/lib/star/types';

const MIN = 60_000;

/** "12m 05s" / "1h 02m": the dialog's live countdowns, rounded down. */
export function clock(ms: number): string {
  const abs = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}

function Checklist({ id, items }: { id: string; items: readonly { id: string; label: string; done?: boolean }[] }) {
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  return (
    <ul class="checklist">
      {items.map((item) => {
        const checked = ticked[item.id] ?? item.done ?? false;
        return (
          <li key={item.id}>
            <label>
              <input type="checkbox" data-check={`${id}:${item.id}`} checked={checked} onChange={(e) => setTicked({ ...ticked, [item.id]: e.currentTarget.checked })} />
              <span>{item.label}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

export function EmergencyPanel({ facts, now }: { facts: EmergencyFacts; now: number }) {
  const age = now - facts.createdAt;
  // PagerDuty: unacknowledged 10 minutes → support management; 5 more → the whole rotation.
  const mgmtAt = facts.createdAt + 10 * MIN;
  const rotationAt = facts.createdAt + 15 * MIN;
  const ack =
    now < mgmtAt
      ? `Acknowledge the page: management is paged in ${clock(mgmtAt - now)} if it is not acknowledged.`
      : now < rotationAt
        ? `Unacknowledged pages have gone to support management; the whole rotation is paged in ${clock(rotationAt - now)}.`
        : 'An unacknowledged page has reached the whole on-call rotation by now (10 + 5 minutes): acknowledge it in PagerDuty or Slack.';
  const due = facts.firstReplyDueAt;
  return (
    <section class="emergency" aria-labelledby="zso-emergency-title" data-emergency>
      <h3 id="zso-emergency-title">
        <span aria-hidden="true">⚠ </span>Emergency mode
      </h3>
      <p class="small">On because {facts.because.join(' and ')}.</p>
      <p class="ack" data-ack>{ack}</p>
      {due !== null ? (
        <p class={due < now ? 'countdown overdue' : 'countdown'} data-first-reply-countdown role="timer" aria-live="off">
          {due < now ? `First reply overdue by ${clock(now - due)}` : `First reply due in ${clock(due - now)}`}
          <span class="muted small"> (30-minute target)</span>
        </p>
      ) : (
        <p class="countdown done">The first reply was sent.</p>
      )}
      <h4>First reply</h4>
      <Checklist
        id="first"
        items={[
          { id: 'assign', label: 'Assign the ticket to yourself (you are the DRI)', done: facts.assignedToMe },
          { id: 'contact', label: "Ask for the customer's best contact, or offer a call link" },
          { id: 'plan', label: 'Verify Premium or Ultimate and agree the next step with the manager on call' },
        ]}
      />
      {age >= 60 * MIN ? (
        <>
          <h4>After one hour: crisis checklist</h4>
          <Checklist
            id="crisis"
            items={[
              { id: 'doc', label: 'Open a shared document for notes and timeline' },
              { id: 'announce', label: 'Announce it in the team channels (#support_self-managed or #support_gitlab-com), cc the CSM' },
              { id: 'handoff', label: 'Plan the hand-off before your shift ends' },
            ]}
          />
        </>
      ) : (
        <p class="small muted">The crisis checklist (shared document, announcement, hand-off) appears when the emergency is an hour old, in {clock(facts.createdAt + 60 * MIN - now)}.</p>
      )}
      <p class="reminder" data-reminder>
        Reminder: your public reply resets the SLA. An internal note does not.
      </p>
    </section>
  );
}
