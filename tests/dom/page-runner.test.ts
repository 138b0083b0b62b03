// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPageRunner } from '@/lib/content/page-runner';
import { gitlabCalendar } from '@/lib/sla/business-hours';
import { ticketMetrics } from '@/lib/sla/evaluate';
import { SLA_PRESETS } from '@/lib/sla/presets';
import { DEFAULT_THRESHOLDS } from '@/lib/sla/types';
import { createApiClient } from '@/lib/zendesk/api';
import { loadPage } from '../support/dom';
import { fakeZendesk, type FakeTicket } from '../support/fake-zendesk';

const NOW = Date.parse('2026-11-17T18:00:00Z'); // a Tuesday, inside GitLab support hours
const iso = (ms: number) => new Date(ms).toISOString();

const TICKETS: FakeTicket[] = [
  { id: 101, policy_metrics: [{ metric: 'first_reply_time', stage: 'active', breach_at: iso(NOW + 12 * 60_000) }] },
  { id: 102, via: { channel: 'twitter' }, created_at: iso(NOW - 2 * 3_600_000) },
  { id: 103, policy_metrics: [{ metric: 'next_reply_time', stage: 'active', breach_at: iso(NOW - 5 * 60_000) }] },
];

function badges(place?: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`zso-sla-badge${place ? `[data-zso-place="${place}"]` : ''}`)];
}

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(100);
}

describe('the page runner on a saved Agent Workspace page', () => {
  let controller: AbortController;
  let zendesk: ReturnType<typeof fakeZendesk>;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'setInterval', 'Date'] });
    loadPage('agent-workspace.html');
    controller = new AbortController();
    zendesk = fakeZendesk(TICKETS);
    const calendar = gitlabCalendar('global');
    startPageRunner({
      doc: document,
      location: { pathname: '/agent/tickets/101', search: '' },
      api: createApiClient({ origin: 'https://acme.zendesk.com', fetch: zendesk.fetch, now: () => Date.now() }),
      now: () => Date.now(),
      computeMetrics: (d) => ticketMetrics(d.ticket, d.metricSet, { preset: SLA_PRESETS.handbook, calendar }),
      viewOptions: () => ({ thresholds: DEFAULT_THRESHOLDS, calendar, zone: 'America/Los_Angeles' }),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      setInterval: (fn, ms) => setInterval(fn, ms),
      signal: controller.signal,
    });
  });

  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

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
  });

  it('badges every ticket tab, and fetches the tabs in one batched request', async () => {
    await settle();
    expect(badges('tab').map((b) => b.dataset.ticketId)).toEqual(['101', '102']);
    const tab102 = badges('tab')[1]!;
    // Twitter has no Zendesk SLA: the handbook's "1 business day" applies.
    expect(tab102.dataset.slaMetric).toBe('first_reply_time');
    expect(tab102.dataset.slaDue).toBe(iso(NOW - 2 * 3_600_000 + 24 * 3_600_000));
    expect(zendesk.requests.filter((r) => r.includes('show_many'))).toHaveLength(1);
  });

  it('counts down with the shared clock and counts up once breached', async () => {
    await settle();
    const badge = badges('ticket')[0]!;
    await vi.advanceTimersByTimeAsync(12 * 60_000 + 5_000);
    expect(badge.dataset.slaState).toBe('breached');
    expect(badge.shadowRoot!.querySelector('.text')!.textContent).toBe('+5s');
  });

  it('does not add a second badge when the page changes again', async () => {
    await settle();
    for (let i = 0; i < 5; i++) {
      document.body.append(document.createElement('div'));
      await settle();
    }
    expect(badges('ticket')).toHaveLength(1);
    expect(badges('tab')).toHaveLength(2);
  });

  it('moves the ticket badge when another ticket tab is selected', async () => {
    await settle();
    const panes = document.querySelectorAll<HTMLElement>('main#main_panes > .workspace');
    panes[0]!.style.display = 'none';
    panes[1]!.style.display = '';
    await settle();
    expect(badges('ticket').map((b) => b.dataset.ticketId)).toEqual(['102']);
  });

  it('badges list rows with one request for the whole page of rows', async () => {
    await settle();
    const panes = document.querySelectorAll<HTMLElement>('main#main_panes > .workspace');
    panes[0]!.style.display = 'none';
    panes[2]!.style.display = '';
    const before = zendesk.requests.length;
    await settle();
    expect(badges('row').map((b) => b.dataset.ticketId)).toEqual(['101', '102', '103']);
    // 101 and 102 are cached from the tabs; only 103 is fetched, in one request.
    expect(zendesk.requests.slice(before)).toEqual(['/api/v2/tickets/103?include=slas,metric_sets']);
    expect(badges('row')[2]!.dataset.slaState).toBe('breached');
  });

  it('keeps the last good times when a refresh fails, and says what went wrong', async () => {
    await settle();
    zendesk.failWith(503);
    await vi.advanceTimersByTimeAsync(75_000);
    const badge = badges('ticket')[0]!;
    expect(badge.dataset.slaDue).toBe(iso(NOW + 12 * 60_000));
    expect(badge.shadowRoot!.querySelector('.error')!.textContent).toContain('503');
  });

  it('removes every badge when the content script is invalidated', async () => {
    await settle();
    expect(badges().length).toBeGreaterThan(0);
    controller.abort();
    expect(badges()).toHaveLength(0);
  });
});
