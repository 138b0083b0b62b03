import { browser, defineBackground } from '#imports';
import { handlePopupMessage, isPopupMessage } from '@/lib/background/popup-messages';
import { pollOnce, ensurePollAlarm, POLL_ALARM, type PollerDeps } from '@/lib/background/poller';
import { reinjectContentScripts } from '@/lib/background/reinject';
import { handleSlaIngest, type IngestObservation } from '@/lib/background/sla-ingest';
import { responseRecorder } from '@/lib/diagnostics/responses';
import { handleEscalationCommand, handleStarMessage, isStarMessage, type StarDeps } from '@/lib/background/star';
import { fetchForInstance } from '@/lib/background/instance-auth';
import { handleOptionsMessage, isOptionsMessage, isSyncDomainsMessage } from '@/lib/background/options-messages';
import { applyToolbarBadge, createNotification, openTicket, senderOrigin, ticketOfNotification, type BadgeApi } from '@/lib/background/worker-ui';
import { SLA_INGEST } from '@/lib/messaging';
import { createDomainSyncer } from '@/lib/settings/custom-domains';
import { refreshZendeskSchedule } from '@/lib/settings/schedule-fetch';
import { resolveSla } from '@/lib/settings/sla-resolve';
import { gitlabCalendar } from '@/lib/sla/calendar';
import {
  alertSettingsItem,
  customDomainSyncItem,
  customDomainsItem,
  escalationSettingsItem,
  inQuietHours,
  instanceAuthItem,
  rememberInstance,
  scheduleRefreshItem,
  slaSettingsItem,
  starRecordsItem,
  workerStorage,
} from '@/lib/storage';
import { systemNow } from '@/lib/time';

// Wiring only: the work lives in lib/.
export default defineBackground({
  type: 'module',
  main() {
    // The SLA settings (options page) are read from storage on every use, so a change applies at once: the
    // page badges refetch on the change (zendesk.content) and the next poll uses them too.
    const sla = async () => resolveSla(await slaSettingsItem.get());
    // What Zendesk's answers carried and their errors, for the page check (entrypoints/check).
    const responses = responseRecorder();
    // Chrome MV3 has `action`; Firefox MV2 `browserAction`; neither exists until the manifest declares one.
    const toolbar = (): BadgeApi | undefined => browser.action ?? browser.browserAction;
    // Each request reads the instance's sign-in choice, so a token saved on the options page applies at once.
    const fetchFor = (origin: string): typeof fetch => async (input, init) => {
      const auths = await instanceAuthItem.get();
      return fetchForInstance(origin, auths[origin], globalThis.fetch.bind(globalThis))(input, init);
    };
    const pollDeps = async (force = false): Promise<PollerDeps> => {
      const { preset, calendar, thresholds } = await sla();
      return {
      now: systemNow,
      storage: workerStorage,
      fetchFor,
      notify: async (alert, text) => {
        const settings = await alertSettingsItem.get();
        const quiet = { silent: !settings.sound, quietHours: inQuietHours(settings.quietHours, systemNow()) };
        await createNotification(browser.notifications, alert.key, text, alert.threshold === 0, quiet);
      },
      shownAlertIds: async () => Object.keys(await browser.notifications.getAll()),
      setBadge: (badge) => applyToolbarBadge(toolbar(), badge),
      preset: () => preset,
      calendar: () => calendar,
      thresholds: () => thresholds,
      force,
      };
    };
    const poll = async (force = false) => pollOnce(await pollDeps(force));
    const starDeps = (): StarDeps => ({
      fetchFor,
      now: systemNow,
      // GitLab Global Support Hours (Sun 15:00 – Fri 17:00 Pacific): the handbook's STAR window, whatever
      // business hours the team set for its SLA targets.
      calendar: gitlabCalendar('global'),
      agentZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      records: starRecordsItem,
      settings: () => escalationSettingsItem.get(),
      openTab: async (url) => {
        await browser.tabs.create({ url });
      },
      hasHostPermission: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
      slackFetch: globalThis.fetch.bind(globalThis),
    });
    browser.commands?.onCommand.addListener((command) => {
      void handleEscalationCommand(command, {
        activeTab: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0],
        sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message),
      });
    });
    const ensureAlarm = async () => ensurePollAlarm(browser.alarms, await workerStorage.settings.get());
    // Custom domains: the manifest's content scripts, registered for each domain whose permission was granted,
    // one sync at a time; the outcome (or the browser's refusal) is stored for the options page to show. No log
    // (nothing here logs: tests/unit/manifest-security.test.ts).
    const syncDomains = createDomainSyncer({
      domains: () => customDomainsItem.get(),
      manifestScripts: () => browser.runtime.getManifest().content_scripts ?? [],
      granted: (pattern) => browser.permissions.contains({ origins: [pattern] }),
      scripting: browser.scripting as never,
      now: systemNow,
      record: (outcome) => customDomainSyncItem.set(outcome),
    });

    void ensureAlarm();
    // A new poll interval applies from the next alarm, without a restart.
    alertSettingsItem.item.watch(() => void ensureAlarm());
    customDomainsItem.item.watch(() => void syncDomains());
    browser.permissions.onAdded.addListener(() => void syncDomains());
    browser.permissions.onRemoved.addListener(() => void syncDomains());
    browser.runtime.onStartup.addListener(() => {
      void ensureAlarm();
      void syncDomains();
    });
    browser.runtime.onInstalled.addListener((details) => {
      void ensureAlarm();
      void syncDomains();
      void reinjectContentScripts(
        {
          contentScripts: () => browser.runtime.getManifest().content_scripts ?? [],
          queryTabs: (urls) => browser.tabs.query({ url: urls }),
          inject: (tabId, files) => browser.scripting.executeScript({ target: { tabId }, files: files as never }),
        },
        details.reason,
      );
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name !== POLL_ALARM) return;
      void poll();
      // A saved Zendesk schedule, fetched again once a day (a failure keeps the saved one and says so on the
      // options page); a new one reaches open tabs like any settings change.
      void refreshZendeskSchedule({ settings: slaSettingsItem, lastRefresh: scheduleRefreshItem, fetchFor, now: systemNow }).catch(() => undefined);
    });
    browser.notifications.onClicked.addListener((id) => {
      const target = ticketOfNotification(id);
      if (!target) return;
      void openTicket(browser.tabs, browser.windows, target.origin, target.ticketId);
      void browser.notifications.clear(id);
    });
    browser.runtime.onMessage.addListener((message, sender) => {
      // Only this extension's own pages and content scripts; nothing else can reach runtime.onMessage.
      if (sender.id !== browser.runtime.id) return undefined;
      if (typeof message === 'object' && message !== null && 'type' in message && message.type === SLA_INGEST) {
        // A Zendesk page of this origin is open: remember the instance, and poll it at once the first time.
        const origin = senderOrigin(sender);
        if (origin) void rememberInstance(origin, systemNow()).then((isNew) => (isNew ? poll(true) : undefined));
        // The clocks with the team's preset, overrides, business hours and thresholds as saved now.
        const observe = (seen: IngestObservation) => {
          if (!origin) return;
          const at = systemNow();
          void (seen.ok
            ? responses.sample(origin, { at, source: 'page', endpoint: seen.endpoint, tickets: seen.tickets, withSlas: seen.withSlas, withMetricSets: seen.withMetricSets })
            : responses.error(origin, { at, source: 'page', kind: seen.kind, status: seen.status }));
        };
        return sla().then(({ preset, calendar, thresholds }) =>
          handleSlaIngest(message, { now: systemNow, preset: () => preset, calendar: () => calendar, thresholds: () => thresholds, observe }) ?? undefined,
        );
      }
      if (isOptionsMessage(message)) {
        return handleOptionsMessage(message, { fetch: globalThis.fetch.bind(globalThis), now: systemNow, savedAuths: () => instanceAuthItem.get() });
      }
      if (isSyncDomainsMessage(message)) return syncDomains();
      if (isPopupMessage(message)) {
        return handlePopupMessage(message, {
          now: systemNow,
          instances: workerStorage.instances,
          snapshots: workerStorage.snapshots,
          snoozes: workerStorage.snoozes,
          pollNow: async () => (await poll(true)).status,
          openTicket: (origin, ticketId) => openTicket(browser.tabs, browser.windows, origin, ticketId),
        });
      }
      if (isStarMessage(message)) return handleStarMessage(message, senderOrigin(sender), starDeps());
      return undefined;
    });
  },
});
