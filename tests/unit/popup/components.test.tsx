// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupAppProps } from '@/components/PopupApp';
import { STATE_ICON_PATHS } from '@/components/state-icons';
import { initialPollState } from '@/lib/storage';
import { popupView, type PopupView } from '@/lib/popup/view-model';
import { data, MIN, NOW, O, ticket } from './fixtures';
import { describedBy, nameFromContent } from '../../support/dom';
import { renderRoot } from '../../support/render-root';

const root = renderRoot();

function show(view: PopupView, over: Partial<PopupAppProps> = {}) {
  const props: PopupAppProps = { view, refreshing: false, notice: null, onRefresh: vi.fn(), onOpen: vi.fn(), onSnooze: vi.fn(), onUnsnooze: vi.fn(), onCheckPage: vi.fn(), ...over };
  act(() => render(<PopupApp {...props} />, root));
  return props;
}
const opts = { zone: 'America/Los_Angeles' };
const text = () => root.textContent ?? '';
const button = (name: RegExp | string) =>
  [...root.querySelectorAll('button')].find((b) => {
    const n = b.getAttribute('aria-label') ?? nameFromContent(b);
    return typeof name === 'string' ? n.trim() === name : name.test(n);
  });

describe('the popup', () => {
  it('says it is loading, busy for assistive technology', () => {
    show({ kind: 'loading' });
    expect(text()).toContain('Loading your queue…');
    expect(root.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
  });

  it('offers the page check in every state, even before any Zendesk was seen', () => {
    for (const view of [{ kind: 'loading' }, { kind: 'no-instance' }] as const) {
      const props = show(view);
      act(() => button('Check this Zendesk page')?.click());
      expect(props.onCheckPage).toHaveBeenCalledTimes(1);
    }
  });

  it('asks the agent to open Zendesk when none has been seen', () => {
    show({ kind: 'no-instance' });
    expect(text()).toContain('No Zendesk seen yet — open your Zendesk agent page');
  });

  it('asks the agent to sign in, with a link to the instance', () => {
    const pollStates = { [O]: { ...initialPollState(), lastError: { kind: 'signed-out', message: 'x', at: NOW } } };
    show(popupView(data([], { pollStates }), NOW, opts));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Open Zendesk and sign in');
    expect(root.querySelector('a')?.getAttribute('href')).toBe(`${O}/agent`);
  });

  it('shows an error with its message and a Retry button that refreshes', () => {
    const pollStates = { [O]: { ...initialPollState(), lastError: { kind: 'server', message: 'Zendesk answered 503. Retrying soon.', at: NOW } } };
    const props = show(popupView(data([], { pollStates, snapshots: {} }), NOW, opts));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Zendesk answered 503. Retrying soon.');
    act(() => button('Retry')!.click());
    expect(props.onRefresh).toHaveBeenCalledOnce();
  });

  it('marks stale data', () => {
    const d = data([ticket(1, { dueIn: 30 * MIN })]);
    d.snapshots[O]!.fetchedAt = NOW - 12 * MIN;
    show(popupView(d, NOW, opts));
    expect(text()).toContain('Stale: updated 12 min ago');
  });

  describe('with a queue', () => {
    const tickets = [ticket(1, { priority: 'urgent', dueIn: 5 * MIN, subject: 'Prod down' }), ticket(2, { dueIn: -3 * MIN, subject: '<img src=x onerror=alert(1)>' }), ticket(3, { dueIn: 3 * 60 * MIN })];

    it('renders only the most urgent rows first when asked to, then all of them', () => {
      show(popupView(data(tickets), NOW, opts), { rowLimit: 2 });
      const ids = () => [...root.querySelectorAll('ul.queue li')].map((r) => r.getAttribute('data-ticket-id'));
      expect(ids()).toEqual(['2', '1']);
      show(popupView(data(tickets), NOW, opts));
      expect(ids()).toEqual(['2', '1', '3']);
    });

    it('lists the tickets by next breach in a labelled list, each row a button named by what it shows', () => {
      show(popupView(data(tickets), NOW, opts));
      const list = root.querySelector('ul[aria-label="Your tickets, by next breach"]')!;
      const rows = [...list.querySelectorAll('li')];
      expect(rows.map((r) => r.getAttribute('data-ticket-id'))).toEqual(['2', '1', '3']);
      expect(rows.map((r) => r.getAttribute('data-sla-state'))).toEqual(['breached', 'critical', 'ok']);
      const open = rows[0]!.querySelector('button.row-open')!;
      // The name is the visible text in order (WCAG 2.5.3, label in name), plus the state word; the sentence in
      // minutes is the description.
      expect(open.hasAttribute('aria-label')).toBe(false);
      expect(nameFromContent(open)).toBe('+3m #2 <img src=x onerror=alert(1)> Open · Normal · First reply SLA breached');
      expect(describedBy(open)).toBe('First reply SLA breached 3 minutes ago');
      expect(root.querySelector('.sr-only')?.textContent).toBe(' SLA breached');
      // Subjects are text, never markup.
      expect(root.querySelector('img')).toBeNull();
      expect(rows[0]!.querySelector('.pill')?.textContent).toBe('+3m');
    });

    it('shows the counts, the breached and the breaching-before-shift-end figures', () => {
      show(popupView(data(tickets), NOW, opts));
      const tiles = [...root.querySelectorAll('.tile')].map((t) => t.textContent);
      expect(tiles).toEqual(['Breached1', 'Breaching before 17:002', 'Assigned to you3']);
      expect(root.querySelector('dl[aria-label="Tickets by priority"]')?.textContent).toContain('Urgent1');
    });

    it('opens a ticket from its row and from "Next ticket to work"', () => {
      const props = show(popupView(data(tickets), NOW, opts));
      act(() => button(/^3h 00m #3 /)!.click());
      expect(props.onOpen).toHaveBeenCalledWith(O, 3);
      const next = root.querySelector('button.next-open')!;
      expect(next.closest('section')?.querySelector('h2')?.textContent).toBe('Next ticket to work');
      expect([nameFromContent(next), describedBy(next)]).toEqual(['5m #1 Prod down', 'First reply SLA: 5 minutes left, critical']);
      act(() => button('5m #1 Prod down')!.click());
      expect(props.onOpen).toHaveBeenLastCalledWith(O, 1);
    });

    it('snoozes for an hour or until the end of the shift, and says why an urgent ticket cannot be', () => {
      const props = show(popupView(data(tickets), NOW, opts));
      const snooze3 = button('Snooze alerts for ticket 3')!;
      expect(snooze3.getAttribute('aria-expanded')).toBe('false');
      act(() => snooze3.click());
      expect(snooze3.getAttribute('aria-expanded')).toBe('true');
      act(() => button('Until 17:00 (end of shift)')!.click());
      expect(props.onSnooze).toHaveBeenCalledWith(O, 3, 'shift');
      act(() => button('Snooze alerts for ticket 1')!.click());
      expect(text()).toContain('Urgent tickets cannot be snoozed: emergencies always alert.');
      expect(button('1 hour')).toBeUndefined();
    });

    it('has no live region that would announce every tick', () => {
      show(popupView(data(tickets), NOW, opts));
      const live = [...root.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
      expect(live.map((e) => e.textContent)).toEqual(['']);
    });
  });
});

describe('the popup looks like the page badges', () => {
  const badgeDir = path.resolve(__dirname, '../../../components');
  it('uses the badge icons: one shape per state, each different', () => {
    show(popupView(data([ticket(1, { dueIn: -3 * MIN }), ticket(2, { dueIn: 5 * MIN }), ticket(3, { dueIn: 3 * 60 * MIN })]), NOW, opts));
    const shapes = [...root.querySelectorAll('ul.queue .pill path')].map((p) => p.getAttribute('d'));
    expect(shapes).toEqual([STATE_ICON_PATHS.breached, STATE_ICON_PATHS.critical, STATE_ICON_PATHS.ok]);
    expect(new Set(Object.values(STATE_ICON_PATHS)).size).toBe(7);
  });

  it('uses the badge colours, light and dark: both stylesheets import the one set, neither defines its own', () => {
    const read = (name: string) => readFileSync(path.join(badgeDir, name), 'utf8');
    const shared = [...read('sla-states.css').matchAll(/\.(state-\w+) \{/g)];
    expect(shared).toHaveLength(14);
    for (const sheet of ['SlaBadge.css', 'Popup.css']) {
      expect(read(sheet)).toContain("@import './sla-states.css';");
      expect(read(sheet)).not.toMatch(/\.state-\w+ \{/);
    }
  });
});
