import { createBadgeSet } from '../content/badge-set';
import { SELECTORS, ticketTabs } from '../zendesk/selectors';
import type { Feature } from './types';

/** An SLA badge on every open ticket tab in the header. */
export const tabBadges: Feature = {
  id: 'tab-badges',
  include: () => true,
  init(fc) {
    const badges = createBadgeSet(fc.badges, 'tab', fc.signal);
    return {
      pass() {
        const tabs = ticketTabs(fc.doc);
        badges.sync(
          tabs.map(({ tab, ticketId }) => ({
            anchor: tab,
            ticketId,
            insert: (host: HTMLElement) => {
              // Beside the ticket number: tabs are one line of title over one of subtitle, with no room for a third.
              const subtitle = tab.querySelector(SELECTORS.headerTabSubtitle);
              const title = tab.querySelector(SELECTORS.headerTabTitle);
              if (subtitle) subtitle.append(host);
              else if (title) title.after(host);
              else tab.append(host);
            },
          })),
        );
        fc.store.want(tabs.map((t) => t.ticketId));
      },
      ticketIds: () => badges.ticketIds(),
    };
  },
};
