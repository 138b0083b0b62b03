/**
 * Which of the extension's page hooks hold on the page in front of the agent, for the page check
 * (docs/page-check.md): for each hook, whether it matched, by which rule, and how many elements. Runs in the
 * page only when the agent asks for a check, never at page load.
 */
import { findComposer, GUIDANCE_SELECTORS } from '../guidance-ui/selectors';
import { SELECTORS, selectedTicketPane, ticketTabs, visibleTicketRows } from '../zendesk/selectors';
import { parseAgentRoute } from '../zendesk/urls';

export type HookName = 'ticket-pane' | 'ticket-id' | 'subject-header' | 'tabs' | 'rows' | 'composer' | 'submit-menu' | 'theme';

export interface HookStatus {
  hook: HookName;
  /** The rule that matched (`data-test-id`, `aria`, `text`, `route`…); null when none did. */
  matched: string | null;
  /** True when the rule that matched is not the first choice. */
  fallback: boolean;
  /** How many elements matched, where more than one can. */
  count?: number;
  /** Why the hook does not apply here (a view has no composer), so a miss is not read as a fault. */
  notApplicable?: string;
}

export function hookReport(doc: Document, location: Pick<Location, 'pathname' | 'search'>): HookStatus[] {
  const route = parseAgentRoute(location);
  const onTicket = route.kind === 'ticket';
  const notTicket = onTicket ? undefined : 'not a ticket page';
  const pane = selectedTicketPane(doc);
  const hooks: HookStatus[] = [];
  hooks.push({ hook: 'ticket-pane', matched: pane ? 'data-test-id' : null, fallback: false, notApplicable: notTicket });
  hooks.push({
    hook: 'ticket-id',
    matched: pane?.ticketId != null ? 'data-test-id' : onTicket ? 'route' : null,
    fallback: pane?.ticketId == null && onTicket,
    notApplicable: notTicket,
  });
  hooks.push({ hook: 'subject-header', matched: pane ? 'data-test-id' : null, fallback: false, notApplicable: notTicket });
  const headerTabs = doc.querySelectorAll(SELECTORS.headerTab).length;
  const idTabs = ticketTabs(doc).length;
  hooks.push({ hook: 'tabs', matched: idTabs > 0 ? 'data-entity-id' : null, fallback: false, count: idTabs, notApplicable: headerTabs === 0 ? 'no tabs open' : undefined });
  const rows = visibleTicketRows(doc).length;
  const listRoute = route.kind === 'view' || route.kind === 'search';
  hooks.push({ hook: 'rows', matched: rows > 0 ? 'data-test-id' : null, fallback: false, count: rows, notApplicable: listRoute ? undefined : 'not a view or search page' });
  const composer = pane ? findComposer(pane.pane) : null;
  hooks.push({ hook: 'composer', matched: composer ? 'data-test-id' : null, fallback: false, notApplicable: notTicket });
  const menu = doc.querySelectorAll(GUIDANCE_SELECTORS.statusMenuItem).length;
  hooks.push({ hook: 'submit-menu', matched: menu > 0 ? 'data-test-id' : null, fallback: false, count: menu, notApplicable: notTicket });
  hooks.push({ hook: 'theme', matched: doc.documentElement.hasAttribute('data-theme') ? 'data-theme' : null, fallback: false });
  return hooks;
}
