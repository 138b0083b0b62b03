import { vi } from 'vitest';
import { startPageRunner } from '@/lib/content/page-runner';
import { loadPage } from './dom';
import { fakeZendesk, slaLoad, type FakeTicket } from './fake-zendesk';

export const NOW = Date.parse('2026-11-17T18:00:00Z'); // a Tuesday, inside GitLab support hours
export const iso = (ms: number) => new Date(ms).toISOString();

export const TICKETS: FakeTicket[] = [
  { id: 101, policy_metrics: [{ metric: 'first_reply_time', stage: 'active', breach_at: iso(NOW + 12 * 60_000) }] },
  { id: 102, via: { channel: 'twitter' }, created_at: iso(NOW - 2 * 3_600_000) },
  { id: 103, policy_metrics: [{ metric: 'next_reply_time', stage: 'active', breach_at: iso(NOW - 5 * 60_000) }] },
];

export function badges(place?: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`zso-sla-badge${place ? `[data-zso-place="${place}"]` : ''}`)];
}

export async function settle(ms = 100): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** Shows the n-th workspace under main#main_panes and hides the others, as a tab switch does. */
export function showWorkspace(index: number): void {
  document.querySelectorAll<HTMLElement>('main#main_panes > .workspace').forEach((pane, i) => {
    pane.style.display = i === index ? '' : 'none';
  });
}

/** Starts the content features on the saved page with fake timers and a fake Zendesk. */
export function startOnSavedPage(options: { pathname?: string; page?: string; tickets?: FakeTicket[] } = {}) {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'setInterval', 'Date'] });
  loadPage(options.page ?? 'agent-workspace.html');
  const controller = new AbortController();
  const zendesk = fakeZendesk(options.tickets ?? TICKETS);
  const location = { pathname: options.pathname ?? '/agent/tickets/101', search: '' };
  const runner = startPageRunner({
    doc: document,
    location,
    load: slaLoad(zendesk.fetch),
    now: () => Date.now(),
    zone: 'America/Los_Angeles',
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    setInterval: (fn, ms) => setInterval(fn, ms),
    signal: controller.signal,
  });
  return {
    zendesk,
    runner,
    location,
    stop() {
      controller.abort();
      vi.useRealTimers();
    },
  };
}
