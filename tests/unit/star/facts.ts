import type { StarFacts } from '@/lib/star/eligibility';

const MIN = 60_000;

/** A ticket that passes every STAR rule at `now`: two hours old, first reply breached 70 minutes ago, customer last. */
export function starFacts(now: number, over: Partial<StarFacts> = {}): StarFacts {
  return {
    ticketId: 151,
    subject: 'Merge requests time out',
    createdAt: now - 120 * MIN,
    priority: 'high',
    tags: ['self_managed', 'premium'],
    formName: 'Self-Managed',
    firstReply: { stage: 'active', breachAt: now - 70 * MIN },
    lastPublicAuthor: { kind: 'customer', name: 'Gabriel Silva' },
    priorityChange: null,
    assigneeId: null,
    meId: 1001,
    ...over,
  };
}
