import { describe, expect, it } from 'vitest';
import { createDomainSyncer, domainRow, syncCustomDomainScripts, type RegisteredScript } from '@/lib/settings/custom-domains';
import type { CustomDomainSync } from '@/lib/storage';

function fakeScripting(initial: RegisteredScript[] = []) {
  let scripts = [...initial];
  return {
    get scripts() {
      return scripts;
    },
    async getRegisteredContentScripts() {
      return scripts;
    },
    async registerContentScripts(more: RegisteredScript[]) {
      scripts = [...scripts, ...more];
    },
    async unregisterContentScripts({ ids }: { ids: string[] }) {
      scripts = scripts.filter((s) => !ids.includes(s.id));
    },
  };
}

const MANIFEST = [
  { js: ['content-scripts/guidance.js', 'content-scripts/zendesk.js'], run_at: 'document_idle' },
  // A content script someone adds later is registered too.
  { js: ['content-scripts/escalation.js'], css: ['content-scripts/escalation.css'] },
];

describe('content scripts on custom domains', () => {
  it('registers every manifest content script for the granted domains, keeping others’ registrations', async () => {
    const scripting = fakeScripting([{ id: 'someone-else', matches: ['https://x.example/*'], js: ['x.js'] }]);
    const origins = await syncCustomDomainScripts({
      domains: async () => [
        { origin: 'https://support.example.com', addedAt: 1 },
        { origin: 'http://support.localhost:4477', addedAt: 2 },
        { origin: 'https://revoked.example.com', addedAt: 3 },
      ],
      manifestScripts: () => MANIFEST,
      granted: async (pattern) => pattern !== 'https://revoked.example.com/*',
      scripting,
    });
    expect(origins).toEqual(['https://support.example.com', 'http://support.localhost:4477']);
    expect(scripting.scripts).toEqual([
      { id: 'someone-else', matches: ['https://x.example/*'], js: ['x.js'] },
      { id: 'zso-custom-0', matches: ['https://support.example.com/agent/*', 'http://support.localhost/agent/*'], js: MANIFEST[0]!.js, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      { id: 'zso-custom-1', matches: ['https://support.example.com/agent/*', 'http://support.localhost/agent/*'], js: MANIFEST[1]!.js, css: MANIFEST[1]!.css, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
    ]);
  });

  it('removes its registrations when no domain is left (or access was revoked), and running twice adds none', async () => {
    const scripting = fakeScripting();
    const deps = { domains: async () => [{ origin: 'https://support.example.com', addedAt: 1 }], manifestScripts: () => MANIFEST, granted: async () => true, scripting };
    await syncCustomDomainScripts(deps);
    await syncCustomDomainScripts(deps);
    expect(scripting.scripts.map((s) => s.id)).toEqual(['zso-custom-0', 'zso-custom-1']);
    await syncCustomDomainScripts({ ...deps, granted: async () => false });
    expect(scripting.scripts).toEqual([]);
  });
});

describe('the worker’s domain syncer', () => {
  /** Chrome's scripting API refuses an id already registered, as two unserialised syncs would. */
  function chromeLikeScripting() {
    const fake = fakeScripting();
    return {
      ...fake,
      get scripts() {
        return fake.scripts;
      },
      async registerContentScripts(more: RegisteredScript[]) {
        await new Promise((r) => setTimeout(r, 5));
        const taken = more.find((s) => fake.scripts.some((x) => x.id === s.id));
        if (taken) throw new Error(`Duplicate script ID '${taken.id}'`);
        await fake.registerContentScripts(more);
      },
    };
  }

  it('runs one sync at a time, so the two syncs of an add (permission + list change) both succeed', async () => {
    const scripting = chromeLikeScripting();
    const recorded: CustomDomainSync[] = [];
    const sync = createDomainSyncer({
      domains: async () => [{ origin: 'https://support.example.com', addedAt: 1 }],
      manifestScripts: () => MANIFEST,
      granted: async () => true,
      scripting,
      now: () => 42,
      record: async (o) => void recorded.push(o),
    });
    const outcomes = await Promise.all([sync(), sync()]);
    expect(outcomes).toEqual([
      { at: 42, origins: ['https://support.example.com'], error: null },
      { at: 42, origins: ['https://support.example.com'], error: null },
    ]);
    expect(recorded).toEqual(outcomes);
    expect(scripting.scripts.map((s) => s.id)).toEqual(['zso-custom-0', 'zso-custom-1']);
  });

  it('records the browser’s refusal in words for the options page, and the next sync clears it', async () => {
    const scripting = fakeScripting();
    let refuse = true;
    const recorded: CustomDomainSync[] = [];
    const sync = createDomainSyncer({
      domains: async () => [{ origin: 'https://support.example.com', addedAt: 1 }],
      manifestScripts: () => MANIFEST,
      granted: async () => true,
      scripting: {
        ...scripting,
        async registerContentScripts(more) {
          if (refuse) throw new Error('Invalid url pattern');
          await scripting.registerContentScripts(more);
        },
      },
      now: () => 7,
      record: async (o) => void recorded.push(o),
    });
    expect(await sync()).toEqual({ at: 7, origins: [], error: 'The browser refused to set up the badges on your own domains (Invalid url pattern).' });
    expect(domainRow('https://support.example.com', true, recorded[0]!)).toEqual({
      origin: 'https://support.example.com',
      state: 'failed',
      problem: 'The browser refused to set up the badges on your own domains (Invalid url pattern).',
    });
    refuse = false;
    expect(domainRow('https://support.example.com', true, await sync())).toEqual({ origin: 'https://support.example.com', state: 'active' });
  });

  it('says "no access" before anything else, and "setting up" until the worker has synced', () => {
    const failed = { at: 1, origins: [], error: 'refused' };
    expect(domainRow('https://a.example.com', false, failed).state).toBe('no-access');
    expect(domainRow('https://a.example.com', true, null).state).toBe('pending');
    expect(domainRow('https://a.example.com', true, { at: 1, origins: ['https://b.example.com'], error: null }).state).toBe('pending');
  });
});
