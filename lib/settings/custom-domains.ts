/**
 * Content scripts on the team's own Zendesk domains (host mapping, support.example.com). The manifest's scripts
 * only match *.zendesk.com, so the worker registers the same scripts for each custom domain whose host
 * permission the agent granted. The list of scripts comes from the built manifest, so a content script added
 * later (another feature) is registered too. Run on install, on startup, and whenever the domains or the
 * granted permissions change; registrations not in the list are removed.
 */
import type { CustomDomain, CustomDomainSync } from '../storage';

export const CUSTOM_SCRIPT_PREFIX = 'zso-custom-';

export interface ManifestContentScript {
  js?: string[];
  css?: string[];
  run_at?: string;
  all_frames?: boolean;
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

export interface ScriptingApi {
  getRegisteredContentScripts(): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

export interface CustomDomainDeps {
  domains: () => Promise<CustomDomain[]>;
  manifestScripts: () => ManifestContentScript[];
  /** `permissions.contains` for one origin pattern. */
  granted: (pattern: string) => Promise<boolean>;
  scripting: ScriptingApi;
}

export function hostPattern(origin: string, path = '/*'): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}${path}`;
}

const RUN_AT = new Set(['document_start', 'document_end', 'document_idle']);

/** Re-registers the custom-domain scripts; returns the origins they now run on. */
export async function syncCustomDomainScripts(deps: CustomDomainDeps): Promise<string[]> {
  const origins: string[] = [];
  for (const { origin } of await deps.domains()) if (await deps.granted(hostPattern(origin))) origins.push(origin);
  const existing = (await deps.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(CUSTOM_SCRIPT_PREFIX));
  if (existing.length) await deps.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (origins.length === 0) return [];
  const matches = [...new Set(origins.map((o) => hostPattern(o, '/agent/*')))];
  const scripts = deps.manifestScripts()
    .filter((s) => s.js?.length || s.css?.length)
    .map((s, i): RegisteredScript => ({
      id: `${CUSTOM_SCRIPT_PREFIX}${i}`,
      matches,
      ...(s.js?.length ? { js: s.js } : {}),
      ...(s.css?.length ? { css: s.css } : {}),
      runAt: (RUN_AT.has(s.run_at ?? '') ? s.run_at : 'document_idle') as RegisteredScript['runAt'],
      allFrames: s.all_frames ?? false,
      persistAcrossSessions: true,
    }));
  await deps.scripting.registerContentScripts(scripts);
  return origins;
}

export interface DomainSyncerDeps extends CustomDomainDeps {
  now: () => number;
  record: (outcome: CustomDomainSync) => Promise<void>;
}

/**
 * The worker's sync, one at a time, with its outcome recorded for the options page. Adding a domain fires both
 * `permissions.onAdded` and the domain list's change: run side by side, the two would register the same script
 * ids and the second would fail with "Duplicate script ID". Never throws: a failure is the recorded outcome.
 */
export function createDomainSyncer(deps: DomainSyncerDeps): () => Promise<CustomDomainSync> {
  let chain: Promise<unknown> = Promise.resolve();
  const run = async (): Promise<CustomDomainSync> => {
    let outcome: CustomDomainSync;
    try {
      outcome = { at: deps.now(), origins: await syncCustomDomainScripts(deps), error: null };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      outcome = { at: deps.now(), origins: [], error: `The browser refused to set up the badges on your own domains (${reason}).` };
    }
    await deps.record(outcome).catch(() => undefined);
    return outcome;
  };
  return () => {
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };
}

export interface DomainRow {
  origin: string;
  /**
   * no-access: the host permission is not granted (or was revoked in the browser's extension settings);
   * active: the worker registered the page scripts there; failed: the browser refused them (`problem` says why);
   * pending: granted, and the worker has not registered them yet (it does at the change that granted it).
   */
  state: 'active' | 'no-access' | 'failed' | 'pending';
  problem?: string;
}

/** What the options page says of a custom domain, from its permission and the worker's last sync. */
export function domainRow(origin: string, granted: boolean, sync: CustomDomainSync | null): DomainRow {
  if (!granted) return { origin, state: 'no-access' };
  if (sync?.origins.includes(origin)) return { origin, state: 'active' };
  if (sync?.error) return { origin, state: 'failed', problem: sync.error };
  return { origin, state: 'pending' };
}
