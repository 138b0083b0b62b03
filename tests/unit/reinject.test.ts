import { describe, expect, it } from 'vitest';
import { reinjectContentScripts } from '@/lib/background/reinject';

function api(tabs: { id?: number }[], failOn?: number) {
  const injected: [number, string[]][] = [];
  return {
    injected,
    api: {
      contentScripts: () => [{ matches: ['https://*.zendesk.com/agent/*'], js: ['content-scripts/zendesk.js'] }],
      queryTabs: async (urls: string[]) => (urls[0] === 'https://*.zendesk.com/agent/*' ? tabs : []),
      inject: async (tabId: number, files: string[]) => {
        if (tabId === failOn) throw new Error('Cannot access a discarded tab');
        injected.push([tabId, files]);
      },
    },
  };
}

describe('re-injecting after an install or update', () => {
  it('injects the content script into every open Zendesk agent tab', async () => {
    const { api: a, injected } = api([{ id: 1 }, { id: 2 }, {}]);
    expect(await reinjectContentScripts(a, 'update')).toBe(2);
    expect(injected).toEqual([
      [1, ['content-scripts/zendesk.js']],
      [2, ['content-scripts/zendesk.js']],
    ]);
  });

  it('skips a tab it cannot reach and carries on', async () => {
    const { api: a, injected } = api([{ id: 1 }, { id: 2 }], 1);
    expect(await reinjectContentScripts(a, 'install')).toBe(1);
    expect(injected.map(([id]) => id)).toEqual([2]);
  });

  it('does nothing when Chrome itself updated', async () => {
    const { api: a, injected } = api([{ id: 1 }]);
    expect(await reinjectContentScripts(a, 'chrome_update')).toBe(0);
    expect(injected).toEqual([]);
  });
});
