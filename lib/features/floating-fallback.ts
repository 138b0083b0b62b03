import { createBadgeSet } from '../content/badge-set';
import { selectedTicketPane } from '../zendesk/selectors';
import type { Feature } from './types';

/** How long a ticket route may lack a recognisable ticket pane before the badge floats instead. */
export const FALLBACK_AFTER_MS = 2_500;

/** When Zendesk's markup no longer matches, the current ticket's badge shows in a floating panel instead of vanishing. */
export const floatingFallback: Feature = {
  id: 'floating-fallback',
  include: (route) => route.kind === 'ticket',
  init(fc) {
    const badges = createBadgeSet(fc.badges, 'floating', fc.signal);
    const startedAt = fc.now();
    fc.setTimeout(fc.requestPass, FALLBACK_AFTER_MS);
    return {
      pass() {
        const route = fc.route();
        const missing = route.kind === 'ticket' && selectedTicketPane(fc.doc) === null && fc.now() - startedAt >= FALLBACK_AFTER_MS;
        if (!missing || route.kind !== 'ticket') {
          badges.sync([]);
          return;
        }
        const body = fc.doc.body;
        badges.sync([{ anchor: body, ticketId: route.ticketId, insert: (host) => body.append(host) }]);
        fc.store.want([route.ticketId]);
      },
      ticketIds: () => badges.ticketIds(),
    };
  },
};
