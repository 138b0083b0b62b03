/**
 * After an install or update Chrome does not inject content scripts into tabs that are already
 * open, so an agent's Zendesk tabs would lose their badges until reloaded. Inject the new script
 * into each open Zendesk agent tab; it removes the old instance's badges itself.
 */

/** The slice of the extension API this needs (the real `browser` in the worker, a fake in tests). */
export interface ReinjectApi {
  contentScripts: () => { matches?: string[]; js?: string[] }[];
  queryTabs: (urls: string[]) => Promise<{ id?: number }[]>;
  inject: (tabId: number, files: string[]) => Promise<unknown>;
}

export async function reinjectContentScripts(api: ReinjectApi, reason: string): Promise<number> {
  if (reason !== 'install' && reason !== 'update') return 0;
  let injected = 0;
  for (const script of api.contentScripts()) {
    if (!script.matches?.length || !script.js?.length) continue;
    for (const tab of await api.queryTabs(script.matches)) {
      if (tab.id === undefined) continue;
      try {
        await api.inject(tab.id, script.js);
        injected++;
      } catch {
        // A discarded or still-loading tab gets the script from the manifest when it loads.
      }
    }
  }
  return injected;
}
