import { createBadgeSet } from '../content/badge-set';
import { SELECTORS, selectedTicketPane } from '../zendesk/selectors';
import type { Feature } from './types';

/** After a submit, Zendesk needs a moment to apply the update and recompute SLAs. */
const REFRESH_AFTER_SUBMIT_MS = 2_000;

/** An SLA badge beside the selected ticket's subject, refreshed when the ticket changes. */
export const ticketBadge: Feature = {
  id: 'ticket-badge',
  include: () => true,
  init(fc) {
    const badges = createBadgeSet(fc.badges, 'ticket', fc.signal);
    /** Conversation length per ticket: a new comment means the ticket changed. */
    const seenComments = new Map<number, number>();
    let current: number | null = null;

    fc.listen(
      'click',
      (event) => {
        const target = event.target as Element | null;
        if (current !== null && target?.closest?.(SELECTORS.submitButton)) {
          const id = current;
          fc.setTimeout(() => fc.store.invalidate(id), REFRESH_AFTER_SUBMIT_MS);
        }
      },
      true,
    );

    return {
      pass() {
        const selected = selectedTicketPane(fc.doc);
        const route = fc.route();
        const ticketId = selected?.ticketId ?? (route.kind === 'ticket' ? route.ticketId : null);
        if (!selected || ticketId === null) {
          current = null;
          badges.sync([]);
          return;
        }
        current = ticketId;
        const subject = selected.subject;
        badges.sync([{ anchor: subject, ticketId, insert: (host) => subject.after(host) }]);
        fc.store.want([ticketId]);
        const comments = selected.pane.querySelectorAll(SELECTORS.conversationItem).length;
        const before = seenComments.get(ticketId);
        seenComments.set(ticketId, comments);
        if (before !== undefined && comments > before) fc.store.invalidate(ticketId);
      },
      ticketIds: () => badges.ticketIds(),
    };
  },
};
