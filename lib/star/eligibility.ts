/**
 * STAR eligibility from a ticket's data (DOMAIN.md c4, handbook "I Want to Escalate a Ticket"). Pure: facts and
 * `now` in, criteria out. Runs in the worker (it needs the business calendar's Intl maths); the page gets the
 * result and only applies the agent's ticks with `starDecision` (lib/star/types.ts).
 */
import type { BusinessCalendar } from '../sla/calendar';
import { formatCompactDuration, formatDeadline } from '../time';
import type { DataCriterion, EmergencyFacts, StarAssessment, StarForm, StarUrgency } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The STAR app refuses tickets created 30 minutes ago or less. */
export const MIN_AGE_MS = 30 * MINUTE_MS;
const PRIORITY_RANK: readonly string[] = ['low', 'normal', 'high', 'urgent'];
/** "First-response SLA breached by ≥ 1 hour". */
export const FRT_BREACH_MS = HOUR_MS;

export interface StarFacts {
  ticketId: number;
  subject: string;
  createdAt: number;
  priority: 'urgent' | 'high' | 'normal' | 'low' | null;
  tags: string[];
  /** The ticket form's name; null when the ticket has no form, undefined when it could not be read. */
  formName: string | null | undefined;
  /** first_reply_time from `slas`: null when the ticket has no first reply SLA. */
  firstReply: { stage: 'active' | 'paused' | 'achieved'; breachAt: number | null } | null;
  /** Who wrote the last public comment; null when there is none; undefined when comments could not be read. */
  lastPublicAuthor: { kind: 'customer' | 'agent'; name: string } | null | undefined;
  /** The last priority change from the audits; null when it never changed; undefined when unknown. */
  priorityChange: { from: string; to: string; at: number } | null | undefined;
  assigneeId: number | null;
  meId: number | null;
}

/** The emergency form: the STAR app refuses it (issue #5245); the customer's emergency path is used instead. */
export function isEmergencyForm(formName: string | null | undefined): boolean {
  return typeof formName === 'string' && /emergenc/i.test(formName);
}

export function assessStar(facts: StarFacts, now: number, calendar: BusinessCalendar, agentZone: string): StarAssessment {
  const criteria: DataCriterion[] = [];
  const open = calendar.isOpen(now);
  const opensAt = open ? null : calendar.nextOpening(now);
  const opensAtLabel = opensAt === null || !Number.isFinite(opensAt)
    ? null
    : `${formatDeadline(opensAt, calendar.zone)}, in ${formatCompactDuration(opensAt - now)} (your time ${formatDeadline(opensAt, agentZone)})`;
  criteria.push({
    id: 'support-hours',
    label: 'Inside GitLab Global Support Hours (Sunday 15:00 to Friday 17:00 Pacific)',
    verdict: open ? 'pass' : 'fail',
    detail: open ? 'Inside GitLab Global Support Hours' : 'Outside GitLab Global Support Hours (Sunday 15:00 to Friday 17:00 Pacific)',
    blocking: true,
  });

  const age = now - facts.createdAt;
  criteria.push({
    id: 'age',
    label: 'Ticket created more than 30 minutes ago',
    verdict: age > MIN_AGE_MS ? 'pass' : 'fail',
    detail: age > MIN_AGE_MS ? `Created ${formatCompactDuration(age)} ago` : `Created only ${formatCompactDuration(Math.max(0, age))} ago: a STAR needs a ticket older than 30 minutes`,
    blocking: true,
  });

  const emergencyForm = isEmergencyForm(facts.formName);
  criteria.push({
    id: 'form',
    label: 'Not the emergency form',
    verdict: facts.formName === undefined ? 'unknown' : emergencyForm ? 'fail' : 'pass',
    detail:
      facts.formName === undefined
        ? 'Could not read the ticket form'
        : emergencyForm
          ? `The ticket is on the "${facts.formName}" form: emergencies are handled by the on-call engineer, not by a STAR`
          : `Form: ${facts.formName ?? 'none'}`,
    blocking: true,
  });

  const last = facts.lastPublicAuthor;
  criteria.push({
    id: 'last-reply',
    label: 'The last reply is from the customer',
    verdict: last === undefined ? 'unknown' : last?.kind === 'customer' ? 'pass' : 'fail',
    detail:
      last === undefined
        ? 'Could not read the comments'
        : last === null
          ? 'No public reply yet'
          : last.kind === 'customer'
            ? `The last public reply is from the customer (${last.name})`
            : `The last public reply is from ${last.name}, not the customer: reply or wait for the customer before a STAR`,
    blocking: true,
  });

  const frt = facts.firstReply;
  let frtVerdict: DataCriterion['verdict'] = 'fail';
  let frtDetail: string;
  if (frt === null) {
    frtVerdict = 'unknown';
    frtDetail = 'No first reply SLA on this ticket';
  } else if (frt.stage === 'achieved') {
    frtDetail = 'The first reply was sent';
  } else if (frt.breachAt === null) {
    frtVerdict = 'unknown';
    frtDetail = 'The first reply SLA is paused';
  } else {
    const over = now - frt.breachAt;
    if (over >= FRT_BREACH_MS) {
      frtVerdict = 'pass';
      frtDetail = `First reply SLA breached ${formatCompactDuration(over)} ago`;
    } else if (over >= 0) {
      frtDetail = `First reply SLA breached ${formatCompactDuration(over)} ago, less than an hour`;
    } else {
      frtDetail = `First reply SLA not breached: ${formatCompactDuration(-over)} left (don't STAR with time left on the timer)`;
    }
  }
  criteria.push({ id: 'frt-breach', label: 'First reply SLA breached by at least 1 hour', verdict: frtVerdict, detail: frtDetail, blocking: false });

  // The handbook's reason is a priority that went up ("Low -> High"); a lowered one is no reason to escalate.
  const change = facts.priorityChange;
  const raised = change ? PRIORITY_RANK.indexOf(change.to) > PRIORITY_RANK.indexOf(change.from) : false;
  criteria.push({
    id: 'priority-changed',
    label: 'The priority was raised',
    verdict: change === undefined ? 'unknown' : raised ? 'pass' : 'fail',
    detail:
      change === undefined
        ? 'Could not read the ticket history'
        : change === null
          ? 'The priority never changed'
          : raised
            ? `Priority changed from ${change.from} to ${change.to}`
            : `Priority lowered from ${change.from} to ${change.to}: only a raise is a reason for a STAR`,
    blocking: false,
  });

  return {
    ticketId: facts.ticketId,
    subject: facts.subject,
    criteria,
    opensAt,
    opensAtLabel,
    now,
    suggested: suggestForm(facts, now, criteria),
    emergency: emergencyFacts(facts),
  };
}

/** Urgency from the data: 30 min for urgent tickets or 4 h+ breaches, 1 h for a breach of an hour, else 2 h. */
export function suggestUrgency(facts: Pick<StarFacts, 'priority' | 'firstReply'>, now: number): StarUrgency {
  const over = facts.firstReply?.stage === 'active' && facts.firstReply.breachAt !== null ? now - facts.firstReply.breachAt : -1;
  if (facts.priority === 'urgent' || over >= 4 * HOUR_MS) return 'high';
  if (over >= FRT_BREACH_MS || facts.priority === 'high') return 'medium';
  return 'low';
}

const PLAN_TAGS: [RegExp, string][] = [
  [/^ultimate$/, 'Ultimate'],
  [/^premium$/, 'Premium'],
  [/^(starter|bronze)$/, 'Starter/Bronze (legacy)'],
  [/^(silver)$/, 'Premium (Silver)'],
  [/^(gold)$/, 'Ultimate (Gold)'],
];
const DEPLOYMENT_TAGS: [RegExp, string][] = [
  [/^saas$/, 'GitLab.com'],
  [/^self_managed$/, 'Self-Managed'],
];

function suggestForm(facts: StarFacts, now: number, criteria: DataCriterion[]): StarForm {
  const plan = PLAN_TAGS.find(([re]) => facts.tags.some((t) => re.test(t)))?.[1] ?? '';
  const deployment = DEPLOYMENT_TAGS.find(([re]) => facts.tags.some((t) => re.test(t)))?.[1] ?? '';
  const reasons = criteria.filter((c) => !c.blocking && c.verdict === 'pass').map((c) => c.detail);
  return {
    urgency: suggestUrgency(facts, now),
    reason: reasons.join('; '),
    desiredResult: '',
    plan: [plan, deployment].filter(Boolean).join(', '),
    group: '',
  };
}

/**
 * Emergency mode: urgent tickets and tickets on the emergency form (DOMAIN.md c5). The extension cannot see
 * PagerDuty, so the page is taken to start when the ticket was created (the emergency form pages at once).
 */
export function emergencyFacts(facts: StarFacts): EmergencyFacts | null {
  const because: string[] = [];
  if (facts.priority === 'urgent') because.push('the priority is Urgent');
  if (isEmergencyForm(facts.formName)) because.push(`the ticket is on the "${facts.formName ?? ''}" form`);
  if (because.length === 0) return null;
  const frt = facts.firstReply;
  const firstReplySent = frt?.stage === 'achieved' || facts.lastPublicAuthor?.kind === 'agent';
  return {
    because,
    createdAt: facts.createdAt,
    firstReplyDueAt: firstReplySent ? null : frt?.breachAt ?? facts.createdAt + 30 * MINUTE_MS,
    firstReplySent,
    assignedToMe: facts.meId !== null && facts.assigneeId === facts.meId,
  };
}
