/**
 * Least privilege and no remote code, read from what ships: the manifest WXT generates (the store build's from
 * wxt.config.ts for each browser, and the e2e build `npm test` makes in .output/chrome-mv3-e2e), the built
 * scripts, and the source.
 *
 * When a feature needs a new permission, add it to `PERMISSION_USES` with the code that uses it; the test fails
 * for a permission nothing uses and for one nobody has said how it is used.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { ZENDESK_AGENT_MATCHES, ZENDESK_HOST_PERMISSIONS } from '../../lib/zendesk/urls';

const ROOT = join(import.meta.dirname, '..', '..');
const E2E_BUILD = join(ROOT, '.output', 'chrome-mv3-e2e');

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Everything the extension is built from (not tests, not the replica). */
const SOURCE = ['lib', 'entrypoints', 'components'].flatMap((d) => files(join(ROOT, d), /\.(ts|tsx)$/));
const sourceText = (path: string) => readFileSync(path, 'utf8');
const ALL_SOURCE = SOURCE.map(sourceText).join('\n');

/** Each permission the manifest may ask for, and the code that proves it is used. */
const PERMISSION_USES: Record<string, RegExp> = {
  scripting: /\bbrowser\.scripting\.executeScript\(/,
  alarms: /\bbrowser\.alarms\.onAlarm\b/,
  notifications: /\bcreateNotification\(browser\.notifications\b/,
  storage: /from 'wxt\/utils\/storage'|\bbrowser\.storage\./,
};

type Manifest = {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  content_security_policy?: string | { extension_pages?: string };
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
};

async function storeManifest(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts manifest is expected to be a function of the build.');
  return (await manifest({ browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' })) as Manifest;
}

const BROAD = /<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\/|^file:/;

describe('permissions', () => {
  it.each(['chrome', 'firefox'] as const)('the %s store build asks for Zendesk hosts only, and no <all_urls>', async (browser) => {
    const m = await storeManifest(browser);
    expect(m.host_permissions).toEqual(ZENDESK_HOST_PERMISSIONS);
    expect(ZENDESK_HOST_PERMISSIONS).toEqual(['https://*.zendesk.com/*']);
    // Custom domains (host mapping: any https host) and the STAR's Slack webhook are optional permissions: none is
    // granted at install, and the options page asks for one origin at the click that adds it (checked below).
    // Firefox MV2 lists optional host patterns among optional_permissions.
    const optionalHosts = browser === 'chrome' ? m.optional_host_permissions : (m.optional_permissions ?? []).filter((p) => p.includes('://'));
    expect(optionalHosts).toEqual(['https://*/*', 'https://hooks.slack.com/*']);
    const apiPermissions = [...(m.permissions ?? []), ...(m.optional_permissions ?? []).filter((p) => !p.includes('://'))];
    for (const p of apiPermissions) expect(p).not.toMatch(BROAD);
    expect(m.externally_connectable).toBeUndefined();
  });

  it('asks the browser for one origin at a time, never for the optional wildcard itself', () => {
    const requests = [...ALL_SOURCE.matchAll(/permissions\.request\(\{ origins: ([^}]+) \}\)/g)].map((m) => m[1]!.trim());
    expect(requests.length).toBeGreaterThan(0);
    // Each is a one-origin pattern built from what the agent typed, the Slack constant, or an import's preview list.
    for (const r of requests) expect(r).toMatch(/^\[(parsed\.permission|hostPattern\(origin\)|SLACK_PERMISSION)\]$|^preview\.permissions$/);
    expect(ALL_SOURCE).not.toContain("'https://*/*'");
  });

  it('asks only for permissions the code uses', async () => {
    const m = await storeManifest('chrome');
    const asked = [...(m.permissions ?? []), ...(m.optional_permissions ?? [])];
    expect(asked.length).toBeGreaterThan(0);
    for (const permission of asked) {
      const use = PERMISSION_USES[permission];
      expect(use, `"${permission}" is in the manifest but PERMISSION_USES does not say which code uses it`).toBeDefined();
      expect(ALL_SOURCE, `"${permission}" is in the manifest but no code uses it`).toMatch(use!);
    }
  });

  it('the built Firefox manifest (npm test builds it for web-ext lint) asks for Zendesk and the used APIs only', () => {
    const path = join(ROOT, '.output', 'firefox-mv2', 'manifest.json');
    if (!existsSync(path)) return expect.fail('Run `npm run lint:firefox` first (npm test does).');
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    // MV2 puts host patterns among the permissions.
    const hosts = (m.permissions ?? []).filter((p) => p.includes('://'));
    expect(hosts).toEqual(ZENDESK_HOST_PERMISSIONS);
    for (const p of (m.permissions ?? []).filter((p) => !p.includes('://'))) expect(Object.keys(PERMISSION_USES)).toContain(p);
    expect(m.optional_permissions).toEqual(['https://*/*', 'https://hooks.slack.com/*']);
  });

  it('the built e2e manifest (what the browser tests load) adds only the local replica to the store build', () => {
    const path = join(E2E_BUILD, 'manifest.json');
    if (!existsSync(path)) return expect.fail('Run `npm run build:e2e` first (npm test does).');
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    // `*.localhost`: the replica under a second host name, the custom-domain browser test's "own domain" (pre-granted
    // because Playwright cannot answer Chromium's permission prompt).
    for (const p of m.host_permissions ?? []) expect(p).toMatch(/^https:\/\/\*\.zendesk\.com\/\*$|^http:\/\/(localhost|127\.0\.0\.1|\*\.localhost)\/\*$/);
    for (const script of m.content_scripts ?? []) {
      for (const match of script.matches ?? []) expect(match).toMatch(/^https:\/\/\*\.zendesk\.com\/agent\/\*$|^http:\/\/(localhost|127\.0\.0\.1)\/agent\/\*$/);
      expect(script.matches).toEqual(expect.arrayContaining(ZENDESK_AGENT_MATCHES));
    }
    for (const permission of m.permissions ?? []) expect(Object.keys(PERMISSION_USES)).toContain(permission);
  });
});

describe('store listing', () => {
  // The Chrome Web Store needs a 128 px icon in the package; the toolbar, the extensions page and the breach
  // notifications use the others. PNG width and height are bytes 16-23 of the IHDR chunk.
  it.each([
    ['Chrome', join(ROOT, '.output', 'chrome-mv3-e2e')],
    ['Firefox', join(ROOT, '.output', 'firefox-mv2')],
  ])('the built %s manifest lists icons at 16, 32, 48 and 128 px, each a PNG of that size in the package', (_name, dir) => {
    const path = join(dir, 'manifest.json');
    if (!existsSync(path)) return expect.fail('Run `npm run build:e2e` and `npm run lint:firefox` first (npm test does).');
    const icons = (JSON.parse(readFileSync(path, 'utf8')) as { icons?: Record<string, string> }).icons ?? {};
    expect(Object.keys(icons)).toEqual(['16', '32', '48', '128']);
    for (const [size, file] of Object.entries(icons)) {
      const png = readFileSync(join(dir, file));
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([Number(size), Number(size)]);
    }
    // The notification icon is the 128 px one, by its path in the package.
    expect(sourceText(join(ROOT, 'lib', 'background', 'worker-ui.ts'))).toContain(`NOTIFICATION_ICON = '${icons['128']}'`);
  });
});

describe('minimum browser versions', () => {
  // The Popover API and checkVisibility (Chrome 114, Firefox 125); Firefox's data statement (140, Android 142).
  it('the built manifests keep the extension from browsers it would break in', () => {
    const read = (dir: string) => {
      const path = join(ROOT, '.output', dir, 'manifest.json');
      if (!existsSync(path)) return expect.fail(`Run npm test's builds first: no ${dir}.`);
      return JSON.parse(readFileSync(path, 'utf8')) as { minimum_chrome_version?: string; browser_specific_settings?: Record<string, { strict_min_version?: string }> };
    };
    expect(Number(read('chrome-mv3-e2e').minimum_chrome_version)).toBeGreaterThanOrEqual(114);
    const gecko = read('firefox-mv2').browser_specific_settings ?? {};
    expect(parseFloat(gecko['gecko']?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(140);
    expect(parseFloat(gecko['gecko_android']?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(142);
  });
});

describe('content security and remote code', () => {
  it.each(['chrome', 'firefox'] as const)('the %s build has a strict extension CSP: scripts from the package only', async (browser) => {
    const m = await storeManifest(browser);
    const csp = typeof m.content_security_policy === 'string' ? m.content_security_policy : m.content_security_policy?.extension_pages;
    expect(csp).toBe("script-src 'self'; object-src 'self'");
  });

  it('loads no code from anywhere but the package: no remote scripts, importScripts, eval or new Function in the build', () => {
    const built = files(E2E_BUILD, /\.(js|html)$/);
    if (built.length === 0) return expect.fail('Run `npm run build:e2e` first (npm test does).');
    for (const file of built) {
      const text = readFileSync(file, 'utf8');
      const name = relative(E2E_BUILD, file);
      expect(text, name).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
      expect(text, name).not.toMatch(/\bimportScripts\s*\(/);
      expect(text, name).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
      expect(text, name).not.toMatch(/\beval\s*\(|\bnew Function\s*\(/);
    }
  });

  it('never writes markup from strings: no innerHTML, outerHTML, insertAdjacentHTML, document.write or dangerouslySetInnerHTML', () => {
    const offenders = SOURCE.filter((f) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML|createContextualFragment/.test(sourceText(f)));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('builds links to ticket data only from checked URLs: no href or src from a raw javascript: string', () => {
    expect(ALL_SOURCE).not.toMatch(/javascript:/i);
  });
});

describe('secrets in the source', () => {
  it('has no logging at all: a log line is where a token would leak first (the browser test checks the console)', () => {
    const logging = SOURCE.filter((f) => /\bconsole\.(log|info|debug|warn|error|trace)\(/.test(sourceText(f)));
    expect(logging.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
