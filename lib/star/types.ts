/**
 * The STAR (Support Ticket Attention Request) vocabulary shared by the worker, the escalation content script and
 * the dialog components. Plain types and constants only: the content script imports this, so no zod and no Intl.
 */

/** DOMAIN.md c4: Not Urgent = reply within 2 h, Timely = 1 h, Urgent = 30 min (may become an emergency). */
export const STAR_URGENCIES = ['low', 'medium', 'high'] as const;
export type StarUrgency = (typeof STAR_URGENCIES)[number];
export const URGENCY_LABELS: Record<StarUrgency, string> = {
  low: 'Not urgent: Support reply within 2 hours',
  medium: 'Timely: Support reply within 1 hour',
  high: 'Urgent: may become an emergency without follow-up within 30 minutes',
};

/** The STAR app's fields the requester fills in (DOMAIN.md c4); the rest comes from the ticket. */
export interface StarForm {
  urgency: StarUrgency;
  reason: string;
  desiredResult: string;
  plan: string;
  group: string;
}

export type Verdict = 'pass' | 'fail' | 'unknown';

/** Criteria the ticket's data answers. `blocking` ones must all pass; the others are reasons for a STAR. */
export type DataCriterionId = 'support-hours' | 'age' | 'form' | 'last-reply' | 'frt-breach' | 'priority-changed';
/** Criteria only a person can judge (handbook "I Want to Escalate a Ticket"): questions to tick. */
export type JudgedCriterionId = 'stalled' | 'dissatisfaction' | 'oversight';

export interface DataCriterion {
  id: DataCriterionId;
  label: string;
  verdict: Verdict;
  /** Why, in words: "breached 2h 05m ago", "last public reply is from Alex Agent". */
  detail: string;
  /** A failing blocking criterion makes the STAR unavailable. */
  blocking: boolean;
}

export const JUDGED_CRITERIA: readonly { id: JudgedCriterionId; label: string }[] = [
  { id: 'stalled', label: 'Progress has stalled and the ticket needs more support engineering effort' },
  { id: 'dissatisfaction', label: 'The customer is highly dissatisfied and needs immediate intervention' },
  { id: 'oversight', label: 'Support Management oversight is needed to bring structure and focus' },
];

/** What the worker found about one ticket, ready to show (all times epoch ms). */
export interface StarAssessment {
  ticketId: number;
  subject: string;
  criteria: DataCriterion[];
  /** When support hours next open, if they are closed now; with its label in the agent's zone. */
  opensAt: number | null;
  opensAtLabel: string | null;
  /** The worker's (Zendesk's) now, for countdowns that must agree with the replica/Zendesk clock. */
  now: number;
  suggested: StarForm;
  emergency: EmergencyFacts | null;
}

export interface EmergencyFacts {
  /** Why emergency mode is on: "priority urgent", "emergency form". */
  because: string[];
  createdAt: number;
  /** The first reply deadline (Zendesk's breach_at, else created + 30 min); null once the first reply was sent. */
  firstReplyDueAt: number | null;
  firstReplySent: boolean;
  assignedToMe: boolean;
}

export type StepName = 'zendesk' | 'form' | 'slack';
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';
export interface StepState {
  status: StepStatus;
  /** What went wrong and what to do, for a person (failed), or what happened (done). */
  message?: string;
  at?: number;
  /** Failed with Zendesk's `Retry-After`: no Retry before this moment (epoch ms). */
  retryAt?: number;
}

export interface StarRecordView {
  ticketId: number;
  requestedAt: number;
  form: StarForm;
  tag: string;
  steps: Record<StepName, StepState>;
}

export interface StarDecision {
  available: boolean;
  /** Why not, one line each; empty when available. */
  blockers: string[];
  /** The reasons that make a STAR fit (data and ticked). */
  reasons: string[];
}

/**
 * Whether a STAR can be requested now: every blocking data criterion passes (an unknown one does not block, it is
 * shown as "could not check"), and at least one reason holds, from the data or ticked by the agent.
 */
export function starDecision(assessment: Pick<StarAssessment, 'criteria' | 'opensAtLabel'>, ticked: readonly JudgedCriterionId[]): StarDecision {
  const blockers: string[] = [];
  const reasons: string[] = [];
  for (const c of assessment.criteria) {
    if (c.blocking && c.verdict === 'fail') {
      blockers.push(c.id === 'support-hours' && assessment.opensAtLabel ? `${c.detail}; STARs open again ${assessment.opensAtLabel}.` : `${c.detail}.`);
    }
    if (!c.blocking && c.verdict === 'pass') reasons.push(c.detail);
  }
  for (const j of JUDGED_CRITERIA) if (ticked.includes(j.id)) reasons.push(j.label);
  if (reasons.length === 0) {
    blockers.push('No reason for a STAR yet: the first reply SLA is not breached by an hour and the priority was not raised; tick what applies below.');
  }
  return { available: blockers.length === 0, blockers, reasons };
}

/** The escalation paths of the handbook's "I Want to Escalate a Ticket", each with its criteria and destination. */
export const ESCALATION_PATHS: readonly { id: string; title: string; when: string[]; where: string; href: string }[] = [
  {
    id: 'star',
    title: 'Support Ticket Attention Request (STAR)',
    when: [
      'Progress has stalled and the ticket needs more support engineering effort',
      'The priority changed (for example Low to High)',
      'High customer dissatisfaction needs immediate intervention',
      'Support Management oversight is needed',
      'The first reply SLA is breached by an hour or more',
    ],
    where: 'The Support Manager on call, in #support_ticket-attention-requests; only during GitLab Global Support Hours.',
    href: 'https://handbook.gitlab.com/handbook/support/internal-support/support-ticket-attention-requests/',
  },
  {
    id: 'account',
    title: 'Account escalation',
    when: ['Account-level risk from one ticket or several issues', 'Several departments must help restore the customer\'s confidence'],
    where: "The account's CSM / account team (account escalation process).",
    href: 'https://about.gitlab.com/handbook/customer-success/tam/escalations/',
  },
  {
    id: 'emergency',
    title: 'Emergency ticket',
    when: ['The situation meets the Definitions of Support Impact for "Emergency"'],
    where: 'The customer raises an emergency (emergency form): the on-call engineer is paged.',
    href: 'https://handbook.gitlab.com/handbook/support/workflows/customer_emergencies_workflows',
  },
  {
    id: 'incident',
    title: 'GitLab.com incident',
    when: ['A common pattern of problems across SaaS customers', 'Verified loss of functionality for more than 5 minutes', 'A suspected high-severity bug deployed to GitLab.com'],
    where: 'Declare an incident (infrastructure incident management); customers follow the status page.',
    href: 'https://handbook.gitlab.com/handbook/engineering/infrastructure/incident-management/',
  },
  {
    id: 'security',
    title: 'Security incident',
    when: ['A critical issue that may affect the confidentiality, integrity or availability of GitLab services or data'],
    where: 'Engage the Security Incident Response Team (SIRT) on call.',
    href: 'https://handbook.gitlab.com/handbook/security/security-operations/sirt/engaging-security-on-call/',
  },
];
