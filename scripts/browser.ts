/**
 * Launches Debian's Chromium with the built extension loaded. Shared by the browser tests, the demo and the
 * benchmarks so all three exercise the same browser setup.
 *
 * Playwright cannot download its own browsers here (no internet), so we drive `/usr/bin/chromium` through
 * `playwright-core`. Extensions only load into a persistent context, hence `launchPersistentContext` with a
 * throwaway profile directory.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `npm run build:e2e` writes: the Chrome build that also matches the local replica's hosts. */
export const EXTENSION_DIR_E2E = join(REPO_ROOT, '.output', 'chrome-mv3-e2e');
/** The Chrome store build (`wxt build`): production code paths and dependencies, Zendesk hosts only. */
export const EXTENSION_DIR_STORE = join(REPO_ROOT, '.output', 'chrome-mv3');
/** Overridable so a developer on another distro (or macOS) can point at their own Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  extensionDir?: string;
  /** Default true. `false` opens a window, unless there is no display to open it on (then headless, with a note). */
  headless?: boolean;
  /** Reuse a profile; when omitted a temporary one is created and removed on close. */
  userDataDir?: string;
  /** `null` lets the page follow the window size (nicer when headed). */
  viewport?: { width: number; height: number } | null;
  /** How long to wait for the extension's service worker when the manifest declares one. */
  serviceWorkerTimeoutMs?: number;
  /**
   * Default true: Playwright closes Chromium and exits the process on Ctrl-C. Long-running callers (the demo)
   * pass false to shut down in their own order (browser, then the replica).
   */
  handleSignals?: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** What was actually launched: may be true although `headless: false` was asked for (no display). */
  headless: boolean;
  /** Milliseconds from spawning Chromium to knowing the extension id. */
  launchMs: number;
  close(): Promise<void>;
}

/** A replica as far as signing in needs it (structural, so this module does not depend on the replica's code). */
export interface SignInTarget {
  url: string;
  sessionCookie: { name: string; value: string };
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir ?? EXTENSION_DIR_E2E);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension at ${extensionDir}: run \`npm run build:e2e\` first (or call ensureBuilt()).`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const headless = resolveHeadless(options.headless ?? true);
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'zso-chromium-')));
  if (ownsProfile) trackProfile(userDataDir);

  const started = performance.now();
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      // Playwright's own headless switch is the old headless shell; extensions need the new headless mode,
      // so we always launch "headed" as far as Playwright knows and add --headless=new ourselves.
      headless: false,
      args: headless ? ['--headless=new', ...args] : args,
      // Playwright adds --disable-extensions by default; it would fight --load-extension.
      ignoreDefaultArgs: ['--disable-extensions'],
      viewport: options.viewport === undefined ? { width: 1400, height: 900 } : options.viewport,
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      handleSIGHUP: options.handleSignals ?? true,
    });
  } catch (error) {
    if (ownsProfile) await removeProfile(userDataDir);
    throw error;
  }

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => undefined);
    if (ownsProfile) await removeProfile(userDataDir);
  };

  try {
    const id = await extensionId(context, extensionDir, options.serviceWorkerTimeoutMs);
    return { context, extensionId: id, headless, launchMs: Math.round(performance.now() - started), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The extension's id. Prefers the service worker's URL (ground truth from the browser); the extension may have
 * no background script, and then there is no worker to ask, so we compute the id the way Chrome does.
 */
export async function extensionId(context: BrowserContext, extensionDir: string, timeoutMs = 10_000): Promise<string> {
  const fromWorker = context.serviceWorkers().map((w) => extensionIdFromUrl(w.url())).find((id) => id !== null);
  if (fromWorker) return fromWorker;
  if (declaresServiceWorker(extensionDir)) {
    // The worker registers shortly after startup; waiting for it catches a manifest Chrome refused to load,
    // which a computed id would hide until the first test failed mysteriously.
    const worker = await context
      .waitForEvent('serviceworker', {
        timeout: timeoutMs,
        predicate: (w: Worker) => extensionIdFromUrl(w.url()) !== null,
      })
      .catch(() => null);
    const id = worker ? extensionIdFromUrl(worker.url()) : null;
    if (id) return id;
    console.warn(`The manifest declares a service worker but none started within ${timeoutMs} ms; using the computed id.`);
  }
  return extensionIdForDir(extensionDir);
}

/** `chrome-extension://<id>/…` → id; anything else → null. */
export function extensionIdFromUrl(url: string): string | null {
  const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(url);
  return match?.[1] ?? null;
}

/**
 * Chrome's id for an unpacked extension: from the manifest's `key` when it has one, else from the directory's
 * absolute path (crx_file::id_util::GenerateIdForPath). Either way: sha256, first 16 bytes, each hex digit
 * 0-f written as a letter a-p.
 */
export function extensionIdForDir(extensionDir: string): string {
  const key = readManifest(extensionDir)?.['key'];
  if (typeof key === 'string' && key.length > 0) return idFromBytes(Buffer.from(key, 'base64'));
  // Chrome hashes the path after resolving symlinks, so a symlinked checkout must hash the real path.
  return extensionIdForPath(realpathSync(resolve(extensionDir)));
}

/** The path-derived id without touching the file system (the path must already be absolute and real). */
export function extensionIdForPath(absolutePath: string): string {
  return idFromBytes(Buffer.from(absolutePath, 'utf8'));
}

function idFromBytes(bytes: Buffer): string {
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

function readManifest(extensionDir: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function declaresServiceWorker(extensionDir: string): boolean {
  const background = readManifest(extensionDir)?.['background'];
  return typeof background === 'object' && background !== null && 'service_worker' in background;
}

/** The extension's service worker, if it has one running. */
export function extensionServiceWorker(context: BrowserContext, id: string): Worker | undefined {
  return context.serviceWorkers().find((w) => extensionIdFromUrl(w.url()) === id);
}

/** Signs the browser in to the replica the way Zendesk does: with the session cookie on the replica's host. */
export async function signIn(context: BrowserContext, replica: SignInTarget): Promise<void> {
  await context.addCookies([{ ...replica.sessionCookie, url: replica.url }]);
}

/** Builds the e2e extension when it has not been built yet (`npm test` builds first; this is for ad-hoc runs). */
export async function ensureBuilt(extensionDir: string = EXTENSION_DIR_E2E): Promise<void> {
  if (existsSync(join(extensionDir, 'manifest.json'))) return;
  await buildExtension();
}

/**
 * `wxt build --mode e2e` (matches the replica; the default), or the Chrome store build (`production`, in
 * EXTENSION_DIR_STORE) for figures that need no replica. Output streamed to this terminal.
 */
export function buildExtension(mode: 'e2e' | 'production' = 'e2e'): Promise<void> {
  const args = ['wxt', 'build', ...(mode === 'e2e' ? ['--mode', 'e2e'] : [])];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function resolveHeadless(requested: boolean): boolean {
  if (requested) return true;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No DISPLAY or WAYLAND_DISPLAY: there is no screen to open a window on, so Chromium runs headless.');
    return true;
  }
  return false;
}

async function removeProfile(dir: string): Promise<void> {
  // Chromium may still be flushing the profile for a moment after the context closes.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  liveProfiles.delete(dir);
}

/**
 * Profiles not yet removed. A run that fails or is stopped before `close()` (a hook timeout, Ctrl-C) would
 * otherwise leave a ~3 MB profile in /tmp every time; on exit we remove what is left, best effort.
 */
const liveProfiles = new Set<string>();
let exitHookInstalled = false;

function trackProfile(dir: string): void {
  liveProfiles.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const profile of liveProfiles) {
      try {
        rmSync(profile, { recursive: true, force: true });
      } catch {
        // A browser killed a moment ago may still hold files; there is nothing more to do while exiting.
      }
    }
  });
}
