import { browser, defineBackground } from '#imports';
import { reinjectContentScripts } from '@/lib/background/reinject';

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
  },
});
