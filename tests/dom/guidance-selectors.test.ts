// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findComposer, GUIDANCE_SELECTORS, isPublicDraft, menuItemStatus } from '@/lib/guidance-ui/selectors';
import { selectedTicketPane } from '@/lib/zendesk/selectors';
import { loadPage } from '../support/dom';

describe('guidance selectors on the saved replica ticket page', () => {
  beforeEach(() => {
    loadPage('replica-ticket.html');
  });

  it.each(Object.entries(GUIDANCE_SELECTORS))('finds %s in the selected ticket pane', (_name, selector) => {
    const pane = selectedTicketPane(document)!.pane;
    expect(pane.querySelector(selector)).not.toBeNull();
  });

  it("finds the selected pane's composer and reads whether the draft is public", () => {
    const pane = selectedTicketPane(document)!.pane;
    expect(findComposer(pane)?.getAttribute('contenteditable')).toBe('true');
    expect(isPublicDraft(pane)).toBe(true);
    pane.querySelector(GUIDANCE_SELECTORS.channelSwitcher)!.setAttribute('data-channel', 'internal');
    expect(isPublicDraft(pane)).toBe(false);
  });

  it('reads the status a submit menu item sets', () => {
    const pane = selectedTicketPane(document)!.pane;
    const statuses = [...pane.querySelectorAll(GUIDANCE_SELECTORS.statusMenuItem)].map(menuItemStatus);
    expect(statuses).toContain('pending');
    expect(statuses).toContain('hold');
    expect(statuses).not.toContain(null);
  });
});
