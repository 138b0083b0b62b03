import { describe, expect, it } from 'vitest';
import { syncCustomDomainScripts, type RegisteredScript } from '@/lib/settings/custom-domains';

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
