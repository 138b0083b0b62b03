/**
 * Every Agent Workspace selector the extension relies on, in one place (REFERENCE.md §3). They prefer
 * data-test-id and ARIA over class names, and ticket-pane queries are scoped to the selected ticket:
 * Zendesk keeps every open ticket tab mounted under main#main_panes. Each is checked against the
 * saved pages in tests/fixtures/.
 */
export const SELECTORS = {
  mainPanes: 'main#main_panes',
  subjectInput: 'input[data-test-id="omni-header-subject"]',
  customLayout: '[data-test-id$="-custom-layout"][data-test-id^="ticket-"]',
  conversationItem: 'article[data-test-id="omni-log-comment-item"]',
  submitButton: '[data-test-id="submit_button-button"]',
  headerTab: 'div[data-test-id="header-tab"]',
  headerTabTitle: '[data-test-id="header-tab-title"]',
  headerTabSubtitle: '[data-test-id="header-tab-subtitle"]',
  tableRow: 'tr[data-test-id="generic-table-row"]',
  rowSubjectCell: '[data-test-id="ticket-table-cells-subject"]',
} as const;

/** Rendered and not hidden by any ancestor (Chrome 105+, Firefox 106+: every browser the extension supports). */
function isShown(el: Element): boolean {
  return el.checkVisibility();
}

/** The ticket id a pane's custom-layout element names (`ticket-<id>-custom-layout`). */
function paneTicketId(subject: Element): number | null {
  const panes = subject.closest(SELECTORS.mainPanes);
  for (let node: Element | null = subject.parentElement; node && node !== panes; node = node.parentElement) {
    const layout = node.matches(SELECTORS.customLayout) ? node : node.querySelector(SELECTORS.customLayout);
    const match = layout && /^ticket-(\d+)-custom-layout$/.exec(layout.getAttribute('data-test-id') ?? '');
    if (match) return Number(match[1]);
  }
  return null;
}

export interface SelectedTicketPane {
  subject: HTMLInputElement;
  /** From the pane when it says; otherwise from the route. */
  ticketId: number | null;
  /** The pane's root under main#main_panes (the element that is hidden when another tab is selected). */
  pane: Element;
}

/** The visible ticket pane: its subject input and ticket id. Null when no ticket pane is showing. */
export function selectedTicketPane(doc: Document): SelectedTicketPane | null {
  for (const subject of doc.querySelectorAll<HTMLInputElement>(`${SELECTORS.mainPanes} ${SELECTORS.subjectInput}`)) {
    if (!isShown(subject)) continue;
    let pane: Element = subject;
    while (pane.parentElement && !pane.parentElement.matches(SELECTORS.mainPanes)) pane = pane.parentElement;
    return { subject, ticketId: paneTicketId(subject), pane };
  }
  return null;
}

/** Header tabs that stand for a ticket, with the ticket id (`data-entity-id`). */
export function ticketTabs(doc: Document): { tab: HTMLElement; ticketId: number }[] {
  const tabs: { tab: HTMLElement; ticketId: number }[] = [];
  for (const tab of doc.querySelectorAll<HTMLElement>(SELECTORS.headerTab)) {
    const id = Number(tab.getAttribute('data-entity-id'));
    if (Number.isInteger(id) && id > 0) tabs.push({ tab, ticketId: id });
  }
  return tabs;
}

/** A list row's ticket id: `aria-describedby="generic-table-row-<id>"`, else the subject link. */
export function rowTicketId(row: Element): number | null {
  const described = /generic-table-row-(\d+)/.exec(row.getAttribute('aria-describedby') ?? '');
  if (described) return Number(described[1]);
  const href = row.querySelector(`${SELECTORS.rowSubjectCell} a[href]`)?.getAttribute('href') ?? '';
  const link = /tickets\/(\d+)/.exec(href);
  return link ? Number(link[1]) : null;
}

/** View and search rows that are on screen (search and views keep hidden tables mounted too). */
export function visibleTicketRows(doc: Document): { row: HTMLElement; ticketId: number }[] {
  const rows: { row: HTMLElement; ticketId: number }[] = [];
  for (const row of doc.querySelectorAll<HTMLElement>(SELECTORS.tableRow)) {
    const id = rowTicketId(row);
    if (id !== null && isShown(row)) rows.push({ row, ticketId: id });
  }
  return rows;
}

/** Zendesk's theme: html[data-theme] is "light", "dark" or "system". */
export function zendeskTheme(doc: Document): string {
  const theme = doc.documentElement.getAttribute('data-theme');
  return theme === 'dark' || theme === 'system' ? theme : 'light';
}
