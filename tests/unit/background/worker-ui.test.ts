import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { applyToolbarBadge, openTicket, senderOrigin, ticketOfNotification } from '@/lib/background/worker-ui';
import { alertKey } from '@/lib/alerts/due-alerts';
import { instancesItem, rememberInstance } from '@/lib/storage';

const O = 'https://acme.zendesk.com';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('clicking a notification', () => {
  it('focuses the tab already on the ticket', async () => {
    await fakeBrowser.tabs.create({ url: `${O}/agent/tickets/5` });
    const onTicket = await fakeBrowser.tabs.create({ url: `${O}/agent/tickets/7` });
    const activated = vi.spyOn(fakeBrowser.tabs, 'update');
    const before = (await fakeBrowser.tabs.query({})).length;
    expect(await openTicket(fakeBrowser.tabs, fakeBrowser.windows, O, 7)).toBe('focused');
    expect(activated).toHaveBeenCalledWith(onTicket.id, { active: true });
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before);
  });

  it('opens the ticket when no tab shows it (a tab on ticket 70 is not ticket 7)', async () => {
    await fakeBrowser.tabs.create({ url: `${O}/agent/tickets/70` });
    expect(await openTicket(fakeBrowser.tabs, fakeBrowser.windows, O, 7)).toBe('opened');
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(`${O}/agent/tickets/7`);
  });

  it('knows its ticket from the notification id, and ignores ids that are not alerts', () => {
    expect(ticketOfNotification(alertKey(O, 7, 'first_reply_time', 15, 1))).toEqual({ origin: O, ticketId: 7 });
    expect(ticketOfNotification('other')).toBeNull();
  });
});

describe('known instances', () => {
  it('records the origin of a Zendesk page once, and refreshes it at most hourly', async () => {
    expect(await rememberInstance(O, 1000)).toBe(true);
    expect(await rememberInstance(O, 2000)).toBe(false);
    expect(await instancesItem.get()).toEqual([{ origin: O, firstSeen: 1000, lastSeen: 1000 }]);
    await rememberInstance(O, 1000 + 3_600_000);
    expect(await instancesItem.get()).toEqual([{ origin: O, firstSeen: 1000, lastSeen: 1000 + 3_600_000 }]);
  });

  it('ignores what is not an origin', async () => {
    expect(await rememberInstance('javascript:alert(1)', 1)).toBe(false);
    expect(await instancesItem.get()).toEqual([]);
  });

  it("reads the sender's origin from Chrome's origin or Firefox's url", () => {
    expect(senderOrigin({ origin: O, url: `${O}/agent/tickets/1` })).toBe(O);
    expect(senderOrigin({ url: 'http://127.0.0.1:4477/agent/filters/1' })).toBe('http://127.0.0.1:4477');
    expect(senderOrigin({})).toBeNull();
  });
});

describe('the toolbar', () => {
  it('sets text, colour and tooltip on the toolbar action', async () => {
    await applyToolbarBadge(fakeBrowser.action, { text: '3', color: '#b3261e', title: 'Zendesk SLA Overlay: 3 breached' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(await fakeBrowser.action.getTitle({})).toBe('Zendesk SLA Overlay: 3 breached');
  });
});
