import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handlePopupMessage, POPUP_OPEN_TICKET, POPUP_REFRESH, POPUP_SNOOZE, POPUP_UNSNOOZE, type PopupMessageDeps } from '@/lib/background/popup-messages';
import { instancesItem, queueSnapshotsItem, snoozesItem } from '@/lib/storage';
import { MIN, NOW, O, ticket } from './fixtures';

let deps: PopupMessageDeps & { pollNow: ReturnType<typeof vi.fn>; openTicket: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  fakeBrowser.reset();
  await instancesItem.set([{ origin: O, firstSeen: NOW, lastSeen: NOW }]);
  await queueSnapshotsItem.set({ [O]: { origin: O, fetchedAt: NOW, count: 2, tickets: [ticket(1, { priority: 'urgent', dueIn: 5 * MIN }), ticket(2, { dueIn: 50 * MIN })] } });
  deps = {
    now: () => NOW,
    instances: instancesItem,
    snapshots: queueSnapshotsItem,
    snoozes: snoozesItem,
    pollNow: vi.fn(async () => 'done' as const),
    openTicket: vi.fn(async () => 'opened'),
  };
});

describe("the popup's messages to the worker", () => {
  it('ignores messages that are not the popup’s', async () => {
    expect(await handlePopupMessage({ type: 'zso:sla-ingest' }, deps)).toBeNull();
    expect(await handlePopupMessage('hello', deps)).toBeNull();
  });

  it('refresh runs a poll now', async () => {
    expect(await handlePopupMessage({ type: POPUP_REFRESH }, deps)).toEqual({ ok: true });
    expect(deps.pollNow).toHaveBeenCalledOnce();
  });

  it('opens a ticket of the queue, and refuses one the worker did not poll (no arbitrary URLs)', async () => {
    expect(await handlePopupMessage({ type: POPUP_OPEN_TICKET, origin: O, ticketId: 2 }, deps)).toEqual({ ok: true });
    expect(deps.openTicket).toHaveBeenCalledWith(O, 2);
    const evil = await handlePopupMessage({ type: POPUP_OPEN_TICKET, origin: 'https://evil.example', ticketId: 2 }, deps);
    expect(evil).toMatchObject({ ok: false });
    expect(deps.openTicket).toHaveBeenCalledTimes(1);
  });

  it('snoozes a ticket, and unsnoozes it', async () => {
    expect(await handlePopupMessage({ type: POPUP_SNOOZE, origin: O, ticketId: 2, until: NOW + 60 * MIN }, deps)).toEqual({ ok: true });
    expect(await snoozesItem.get()).toEqual({ [`${O}|2`]: NOW + 60 * MIN });
    await handlePopupMessage({ type: POPUP_UNSNOOZE, origin: O, ticketId: 2 }, deps);
    expect(await snoozesItem.get()).toEqual({});
  });

  it('refuses to snooze an urgent ticket, whatever the popup says, and says why', async () => {
    const reply = await handlePopupMessage({ type: POPUP_SNOOZE, origin: O, ticketId: 1, until: NOW + 60 * MIN }, deps);
    expect(reply).toEqual({ ok: false, message: 'Ticket #1 is urgent: its alerts cannot be snoozed.' });
    expect(await snoozesItem.get()).toEqual({});
  });

  it('answers a malformed request with a message instead of throwing', async () => {
    expect(await handlePopupMessage({ type: POPUP_SNOOZE, origin: O, ticketId: 'x' }, deps)).toMatchObject({ ok: false });
  });
});
