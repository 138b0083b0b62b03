import { createBadgeSet } from '../content/badge-set';
import { SELECTORS, visibleTicketRows } from '../zendesk/selectors';
import type { Feature } from './types';

/** An SLA badge on every row of view and search lists, fetched in one request per page of rows. */
export const listBadges: Feature = {
  id: 'list-badges',
  include: () => true,
  init(fc) {
    const badges = createBadgeSet(fc.badges, 'row', fc.signal);
    return {
      pass() {
        const rows = visibleTicketRows(fc.doc);
        badges.sync(
          rows.map(({ row, ticketId }) => ({
            anchor: row,
            ticketId,
            insert: (host: HTMLElement) => {
              const cell = row.querySelector(SELECTORS.rowSubjectCell) ?? row.querySelector('td:last-child') ?? row;
              cell.prepend(host);
            },
          })),
        );
        // All rows found in this pass go into the store's next batch: one request per page.
        fc.store.want(rows.map((r) => r.ticketId));
      },
      ticketIds: () => badges.ticketIds(),
    };
  },
};
