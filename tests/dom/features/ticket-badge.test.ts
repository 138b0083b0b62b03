// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nameFromContent } from '../../support/dom';
import { badges, iso, NOW, settle, showWorkspace, startOnSavedPage } from '../../support/runner';

describe('ticket-badge', () => {
  let page: ReturnType<typeof startOnSavedPage>;
  beforeEach(() => {
    page = startOnSavedPage();
  });
  afterEach(() => page.stop());

  it("puts one badge beside the selected ticket's subject, with Zendesk's live deadline", async () => {
    await settle();
    const [badge, ...rest] = badges('ticket');
    expect(rest).toHaveLength(0);
    expect(badge!.previousElementSibling?.getAttribute('data-test-id')).toBe('omni-header-subject');
    expect(badge!.dataset.ticketId).toBe('101');
    expect(badge!.dataset.slaState).toBe('critical');
    expect(badge!.dataset.slaMetric).toBe('first_reply_time');
    expect(badge!.dataset.slaDue).toBe(iso(NOW + 12 * 60_000));
    expect(badge!.shadowRoot!.querySelector('.text')!.textContent).toBe('12m');
    // Named by what it shows (WCAG 2.5.3) with the metric before it; the sentence in minutes is the description.
    const button = badge!.shadowRoot!.querySelector('button')!;
    expect(button.hasAttribute('aria-label')).toBe(false);
    expect(nameFromContent(button)).toBe('First reply SLA: 12m Critical');
    expect(button.title).toBe('First reply SLA: 12 minutes left, critical. Show SLA details');
  });

  it('counts down with the shared clock and counts up once breached', async () => {
    await settle();
    const badge = badges('ticket')[0]!;
    await vi.advanceTimersByTimeAsync(12 * 60_000 + 5_000);
    expect(badge.dataset.slaState).toBe('breached');
    expect(badge.shadowRoot!.querySelector('.text')!.textContent).toBe('+5s');
    // The seconds are shown, not read: the name changes once a minute.
    expect(nameFromContent(badge.shadowRoot!.querySelector('button')!)).toBe('First reply SLA: +under 1m Breached');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(badge.shadowRoot!.querySelector('.text')!.textContent).toBe('+25s');
    expect(nameFromContent(badge.shadowRoot!.querySelector('button')!)).toBe('First reply SLA: +under 1m Breached');
  });

  it('does not add a second badge when the page changes again', async () => {
    await settle();
    for (let i = 0; i < 5; i++) {
      document.body.append(document.createElement('div'));
      await settle();
    }
    expect(badges('ticket')).toHaveLength(1);
  });

  it('moves to the newly selected ticket when another tab is shown', async () => {
    await settle();
    showWorkspace(1);
    await settle();
    expect(badges('ticket').map((b) => b.dataset.ticketId)).toEqual(['102']);
  });

  it('refetches after a new comment appears in the conversation', async () => {
    await settle(20_000);
    const before = page.zendesk.requests.length;
    const log = document.querySelector('[data-test-id="ticket-101-custom-layout"] [data-test-id="omni-log-container"]')!;
    const item = document.createElement('article');
    item.setAttribute('data-test-id', 'omni-log-comment-item');
    log.append(item);
    await settle();
    expect(page.zendesk.requests.slice(before)).toEqual(['/api/v2/tickets/101?include=slas,metric_sets']);
  });

  it('keeps the last good times when a refresh fails, and says what went wrong', async () => {
    await settle();
    page.zendesk.failWith(503);
    await vi.advanceTimersByTimeAsync(75_000);
    const badge = badges('ticket')[0]!;
    expect(badge.dataset.slaDue).toBe(iso(NOW + 12 * 60_000));
    expect(badge.shadowRoot!.querySelector('.error')!.textContent).toContain('503');
  });

  it('removes every badge when the content script is invalidated', async () => {
    await settle();
    expect(badges().length).toBeGreaterThan(0);
    page.stop();
    expect(badges()).toHaveLength(0);
  });
});
