// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameFromContent } from '../../support/dom';
import { badges, iso, NOW, settle, startOnSavedPage } from '../../support/runner';

describe('tab-badges', () => {
  let page: ReturnType<typeof startOnSavedPage>;
  beforeEach(() => {
    page = startOnSavedPage();
  });
  afterEach(() => page.stop());

  it('badges every ticket tab, fetched in one batched request', async () => {
    await settle();
    expect(badges('tab').map((b) => b.dataset.ticketId)).toEqual(['101', '102']);
    expect(page.zendesk.requests.filter((r) => r.includes('show_many'))).toEqual([
      '/api/v2/tickets/show_many?ids=101,102&include=slas,metric_sets',
    ]);
  });

  it("uses the handbook's 1 business day for a Twitter ticket Zendesk has no SLA on", async () => {
    await settle();
    const tab = badges('tab')[1]!;
    expect(tab.dataset.slaMetric).toBe('first_reply_time');
    expect(tab.dataset.slaDue).toBe(iso(NOW - 2 * 3_600_000 + 24 * 3_600_000));
    expect(tab.dataset.slaState).toBe('ok');
  });

  it('removes the badge with the tab when the tab closes', async () => {
    await settle();
    document.querySelector('[data-entity-id="102"]')!.remove();
    await settle();
    expect(badges('tab').map((b) => b.dataset.ticketId)).toEqual(['101']);
  });

  it('sits beside the ticket number, where the tab has room', async () => {
    await settle();
    const host = badges('tab')[0]!;
    expect(host.parentElement!.getAttribute('data-test-id')).toBe('header-tab-subtitle');
    expect(host.parentElement!.textContent).toBe('#101');
  });

  it('lets a click on the badge reach the tab, so the tab still switches', async () => {
    await settle();
    const tab = document.querySelector<HTMLElement>('[data-entity-id="102"]')!;
    let clicked = 0;
    tab.addEventListener('click', () => clicked++);
    const host = badges('tab')[1]!;
    host.shadowRoot!.querySelector<HTMLElement>('.badge')!.click();
    expect(clicked).toBe(1);
    expect(host.shadowRoot!.querySelector('button')).toBeNull();
    // Its words join the tab's name: the visible text with the metric before it and the state word after.
    const badge = host.shadowRoot!.querySelector('.badge')!;
    expect(badge.getAttribute('role')).toBeNull();
    expect(nameFromContent(badge)).toMatch(/^First reply SLA: \d+h \d\dm On track$/);
  });
});
