// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badges, settle, showWorkspace, startOnSavedPage } from '../../support/runner';

describe('list-badges', () => {
  let page: ReturnType<typeof startOnSavedPage>;
  beforeEach(() => {
    page = startOnSavedPage({ pathname: '/agent/filters/360001' });
  });
  afterEach(() => page.stop());

  it('badges nothing while the list is hidden behind a ticket tab', async () => {
    await settle();
    expect(badges('row')).toHaveLength(0);
  });

  it('badges every visible row, fetching uncached rows in one request', async () => {
    await settle();
    showWorkspace(2);
    const before = page.zendesk.requests.length;
    await settle();
    expect(badges('row').map((b) => b.dataset.ticketId)).toEqual(['101', '102', '103']);
    // 101 and 102 are cached from the tabs; only 103 is fetched.
    expect(page.zendesk.requests.slice(before)).toEqual(['/api/v2/tickets/103?include=slas,metric_sets']);
    expect(badges('row')[2]!.dataset.slaState).toBe('breached');
    expect(badges('row')[0]!.parentElement!.getAttribute('data-test-id')).toBe('ticket-table-cells-subject');
  });
});
