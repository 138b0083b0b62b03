/**
 * The composer and status hooks the guidance panel needs, scoped to the selected ticket pane. They belong with
 * lib/zendesk/selectors.ts, but that module is bundled into the badges script, which is at its size budget; they
 * live here until the two scripts share a chunk. Checked against tests/fixtures/replica-ticket.html.
 */
import type { TicketStatus } from '../zendesk/schemas';

export const GUIDANCE_SELECTORS = {
  /** Zendesk's reply editor (CKEditor 5 in production, a plain contenteditable in the replica). */
  composer: '[data-test-id="ticket-rich-text-editor"]',
  /** Public reply or internal note: `data-channel="internal"` on the switcher means an internal note. */
  channelSwitcher: '[data-test-id="omnichannel-channel-switcher-button"]',
  /** "Submit as <status>" items in the submit button's menu. */
  statusMenuItem: '[data-test-id^="submit_button-menu-item-"]',
  submitButton: '[data-test-id="submit_button-button"]',
  /** The ticket's context panel (a side panel, found by content because pane order is per agent). */
  contextPanel: '[data-test-id="component-type-ContextPanel"]',
  /** The conversation header (subject and via label). */
  omniHeader: '[data-test-id="omni-header"]',
  conversationItem: 'article[data-test-id="omni-log-comment-item"]',
} as const;

export function findComposer(pane: Element): HTMLElement | null {
  return pane.querySelector<HTMLElement>(`${GUIDANCE_SELECTORS.composer}[contenteditable="true"], ${GUIDANCE_SELECTORS.composer} [contenteditable="true"]`);
}

/** False when the composer is set to an internal note. */
export function isPublicDraft(pane: Element): boolean {
  const switcher = pane.querySelector(GUIDANCE_SELECTORS.channelSwitcher);
  if (!switcher) return true;
  const channel = switcher.getAttribute('data-channel') ?? '';
  const label = switcher.getAttribute('aria-label') ?? '';
  return channel !== 'internal' && !/internal/i.test(label);
}

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

/** The status a "Submit as …" menu item sets, from its test id. */
export function menuItemStatus(item: Element): TicketStatus | null {
  const id = item.getAttribute('data-test-id')?.replace('submit_button-menu-item-', '') ?? '';
  return STATUSES.find((s) => s === id) ?? null;
}
