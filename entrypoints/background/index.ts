import { browser, defineBackground } from '#imports';
import { handlePopupMessage, isPopupMessage } from '@/lib/background/popup-messages';
import { pollOnce, ensurePollAlarm, POLL_ALARM, type PollerDeps } from '@/lib/background/poller';
import { reinjectContentScripts } from '@/lib/background/reinject';
import { handleSlaIngest } from '@/lib/background/sla-ingest';
import { handleEscalationCommand, handleStarMessage, isStarMessage, type StarDeps } from '@/lib/background/star';
import { fetchForInstance } from '@/lib/background/instance-auth';
import { handleOptionsMessage, isOptionsMessage } from '@/lib/background/options-messages';
import { applyToolbarBadge, createNotification, openTicket, senderOrigin, ticketOfNotification, type BadgeApi } from '@/lib/background/worker-ui';
import { SLA_INGEST } from '@/lib/messaging';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { DEFAULT_PRESET_ID, SLA_PRESETS } from '@/lib/sla/presets';
import { escalationSettingsItem, instanceAuthItem, rememberInstance, starRecordsItem, workerStorage } from '@/lib/storage';
import { systemNow } from '@/lib/time';

// Wiring only: the work lives in lib/.
export default defineBackground({
  type: 'module',
  main() {
    const preset = () => SLA_PRESETS[DEFAULT_PRESET_ID];
    const calendar = () => gitlabCalendar('global');
    // Chrome MV3 has `action`; Firefox MV2 `browserAction`; neither exists until the manifest declares one.
    const toolbar = (): BadgeApi | undefined => browser.action ?? browser.browserAction;
    const pollDeps = (force = false): PollerDeps => ({
      now: systemNow,
      storage: workerStorage,
      // Each request reads the instance's sign-in choice, so a token saved on the options page applies at once.
      fetchFor: (origin) => async (input, init) => {
        const auths = await instanceAuthItem.get();
        return fetchForInstance(origin, auths[origin], globalThis.fetch.bind(globalThis))(input, init);
      },
      notify: async (alert, text) => {
        await createNotification(browser.notifications, alert.key, text, alert.threshold === 0);
      },
      shownAlertIds: async () => Object.keys(await browser.notifications.getAll()),
      setBadge: (badge) => applyToolbarBadge(toolbar(), badge),
      preset,
      calendar,
      force,
    });
    const starDeps = (): StarDeps => ({
      fetchFor: (origin) => async (input, init) => {
        const auths = await instanceAuthItem.get();
        return fetchForInstance(origin, auths[origin], globalThis.fetch.bind(globalThis))(input, init);
      },
      now: systemNow,
      calendar: calendar(),
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

    void ensureAlarm();
    browser.runtime.onStartup.addListener(() => void ensureAlarm());
    browser.runtime.onInstalled.addListener((details) => {
      void ensureAlarm();
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
      if (alarm.name === POLL_ALARM) void pollOnce(pollDeps());
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
        if (origin) void rememberInstance(origin, systemNow()).then((isNew) => (isNew ? pollOnce(pollDeps(true)) : undefined));
      }
      if (isOptionsMessage(message)) {
        return handleOptionsMessage(message, { fetch: globalThis.fetch.bind(globalThis), now: systemNow, savedAuths: () => instanceAuthItem.get() });
      }
      if (isPopupMessage(message)) {
        return handlePopupMessage(message, {
          now: systemNow,
          instances: workerStorage.instances,
          snapshots: workerStorage.snapshots,
          snoozes: workerStorage.snoozes,
          pollNow: async () => (await pollOnce(pollDeps(true))).status,
          openTicket: (origin, ticketId) => openTicket(browser.tabs, browser.windows, origin, ticketId),
        });
      }
      if (isStarMessage(message)) return handleStarMessage(message, senderOrigin(sender), starDeps());
      const reply = handleSlaIngest(message, { now: systemNow, preset, calendar });
      return reply ? Promise.resolve(reply) : undefined;
    });
  },
});
