import { browser, defineBackground } from '#imports';
import { reinjectContentScripts } from '@/lib/background/reinject';
import { handleSlaIngest } from '@/lib/background/sla-ingest';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { DEFAULT_PRESET_ID, SLA_PRESETS } from '@/lib/sla/presets';
import { systemNow } from '@/lib/time';

// Wiring only: the work lives in lib/.
export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onInstalled.addListener((details) => {
      void reinjectContentScripts(
        {
          contentScripts: () => browser.runtime.getManifest().content_scripts ?? [],
          queryTabs: (urls) => browser.tabs.query({ url: urls }),
          inject: (tabId, files) => browser.scripting.executeScript({ target: { tabId }, files: files as never }),
        },
        details.reason,
      );
    });
    browser.runtime.onMessage.addListener((message, sender) => {
      // Only this extension's own pages and content scripts; nothing else can reach runtime.onMessage.
      if (sender.id !== browser.runtime.id) return undefined;
      const reply = handleSlaIngest(message, {
        now: systemNow,
        preset: () => SLA_PRESETS[DEFAULT_PRESET_ID],
        calendar: () => gitlabCalendar('global'),
      });
      return reply ? Promise.resolve(reply) : undefined;
    });
  },
});
