/**
 * Settings reach the page without a reload: the worker's answer carries the thresholds and its clocks use the
 * preset as saved now; the page's store refetches every known ticket when the settings change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleSlaIngest } from '@/lib/background/sla-ingest';
import { createTicketStore } from '@/lib/content/ticket-store';
import { SLA_INGEST, type SlaIngestRequest, type SlaIngestResponse } from '@/lib/messaging';
import { resolveSla } from '@/lib/settings/sla-resolve';
import { defaultSlaSettings, type SlaSettings } from '@/lib/settings/sla-settings-schema';
import { createSlaSource } from '@/lib/content/sla-source';
import { inQuietHours } from '@/lib/storage';
import { createNotification } from '@/lib/background/worker-ui';
import { fakeZendesk } from '../../support/fake-zendesk';

const NOW = Date.parse('2026-11-17T18:00:00Z');
const HOUR = 3_600_000;
/** New, High, email, no Zendesk SLA: Handbook 8 business hours, GitLab current 4. */
const TICKET = { id: 7, status: 'new', priority: 'high', created_at: new Date(NOW).toISOString() };

describe('live settings on the page', () => {
  let settings: SlaSettings;
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'Date'] });
    settings = defaultSlaSettings();
  });
  afterEach(() => vi.useRealTimers());

  function page() {
    const { fetch, requests } = fakeZendesk([TICKET]);
    // The worker as wired in entrypoints/background: the settings read at each message.
    const send = async (request: SlaIngestRequest): Promise<SlaIngestResponse> => {
      const { preset, calendar, thresholds } = resolveSla(settings);
      return handleSlaIngest(request, { now: () => Date.now(), preset: () => preset, calendar: () => calendar, thresholds: () => thresholds })!;
    };
    const controller = new AbortController();
    const store = createTicketStore({ load: createSlaSource({ origin: 'https://acme.zendesk.com', fetch, send }), now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), signal: controller.signal });
    return { store, requests, controller };
  }

  it('recomputes the clocks and the thresholds with the new settings on reload, without new tabs', async () => {
    const { store, requests } = page();
    store.want([TICKET.id]);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.entry(TICKET.id).value.metrics[0]?.dueAt).toBe(NOW + 8 * HOUR);
    expect(store.thresholds.value).toEqual({ warningMinutes: 60, criticalMinutes: 15 });

    settings = { ...settings, presetId: 'gitlab-current', thresholds: { warningMinutes: 300, criticalMinutes: 30 } };
    // The same data asked again: nothing changes until the settings change is announced.
    store.want([TICKET.id]);
    await vi.advanceTimersByTimeAsync(50);
    expect(requests).toHaveLength(1);
    store.reload();
    await vi.advanceTimersByTimeAsync(50);
    expect(requests).toHaveLength(2);
    expect(store.entry(TICKET.id).value.metrics[0]?.dueAt).toBe(NOW + 4 * HOUR);
    expect(store.thresholds.value).toEqual({ warningMinutes: 300, criticalMinutes: 30 });
  });

  it('does nothing once the content script is invalidated', async () => {
    const { store, requests, controller } = page();
    store.want([TICKET.id]);
    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    store.reload();
    await vi.advanceTimersByTimeAsync(50);
    expect(requests).toHaveLength(1);
  });

  it('sends the thresholds with every answer', async () => {
    const body = await (await fakeZendesk([TICKET]).fetch('https://acme.zendesk.com/api/v2/tickets/7')).text();
    const r = handleSlaIngest(
      { type: SLA_INGEST, ids: [7], raw: { status: 200, date: null, retryAfter: null, body } },
      { now: () => NOW, ...(() => { const s = resolveSla(defaultSlaSettings()); return { preset: () => s.preset, calendar: () => s.calendar }; })() },
    );
    expect(r).toMatchObject({ ok: true, thresholds: { warningMinutes: 60, criticalMinutes: 15 } });
  });
});

describe('quiet hours and sound', () => {
  const at = (h: number, m = 0) => new Date(2026, 10, 17, h, m).getTime();
  it.each([
    [{ start: '22:00', end: '07:00' }, at(23), true],
    [{ start: '22:00', end: '07:00' }, at(6, 59), true],
    [{ start: '22:00', end: '07:00' }, at(7), false],
    [{ start: '12:00', end: '13:00' }, at(12, 30), true],
    [{ start: '12:00', end: '13:00' }, at(13, 30), false],
    [null, at(3), false],
  ])('%o at %d: %s', (quiet, now, expected) => {
    expect(inQuietHours(quiet, now)).toBe(expected);
  });

  it('makes notifications silent, and in quiet hours lets even a breach time out', async () => {
    const created: unknown[] = [];
    const api = { create: async (_id: string, o: unknown) => (created.push(o), 'id'), getAll: async () => ({}), clear: async () => true };
    await createNotification(api, 'a', { title: 't', message: 'm' }, true);
    await createNotification(api, 'b', { title: 't', message: 'm' }, true, { silent: true, quietHours: false });
    await createNotification(api, 'c', { title: 't', message: 'm' }, true, { silent: false, quietHours: true });
    expect(created).toMatchObject([
      { requireInteraction: true, priority: 2 },
      { requireInteraction: true, silent: true },
      { requireInteraction: false, silent: true, priority: 0 },
    ]);
    expect(created[0]).not.toHaveProperty('silent');
  });
});
