/**
 * First real-browser checks: the built extension loads into Chromium, the replica serves a signed-in Agent
 * Workspace, and the content script puts an SLA badge on a ticket. When these fail, every feature test would
 * fail for an unrelated reason, so they run first and say which layer broke.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR_E2E,
  extensionIdForDir,
  extensionIdFromUrl,
  launchWithExtension,
  type ExtensionBrowser,
} from '../../scripts/browser';
import { SEED } from '../../replica/server';
import { badgeData, serviceWorker, useExtensionBrowser, waitForBadge } from './harness';

// Its first reply is due in 12 minutes: a running SLA, so the badge must show.
const TICKET_ID = SEED.ticketDue12m;

describe('the e2e build in Chromium', () => {
  const harness = useExtensionBrowser();

  it('loads the extension under the id Chrome derives from its directory', async () => {
    expect(harness.extensionId).toMatch(/^[a-p]{32}$/);
    // The computed id is the fallback for builds without a background script, so it must match Chrome's own.
    expect(harness.extensionId).toBe(extensionIdForDir(EXTENSION_DIR_E2E));

    const page = await harness.context.newPage();
    try {
      const response = await page.goto(`chrome-extension://${harness.extensionId}/manifest.json`);
      expect(response?.status()).toBe(200);
      const manifest: unknown = JSON.parse((await page.locator('body').textContent()) ?? '');
      expect(manifest).toMatchObject({ name: 'Zendesk SLA Overlay', manifest_version: 3 });
    } finally {
      await page.close();
    }
  });

  it('shows the replica ticket page signed in, with the ticket subject in the header', async () => {
    const page = await harness.openAgentPage(`/agent/tickets/${TICKET_ID}`);
    expect(new URL(page.url()).pathname).toBe(`/agent/tickets/${TICKET_ID}`);

    // The subject comes from the replica's API (as the extension would read it), not a copy of the seed data.
    const api = await page.request.get(`${harness.replica.url}/api/v2/tickets/${TICKET_ID}.json`);
    expect(api.status()).toBe(200);
    const { ticket } = (await api.json()) as { ticket: { subject: string } };
    await expect.poll(() => page.locator('input[data-test-id="omni-header-subject"]').inputValue()).toBe(ticket.subject);
  });

  // Needs the content script's SLA badge feature; fails until that lands.
  it('puts an SLA badge on the open ticket', async () => {
    const page = await harness.openAgentPage(`/agent/tickets/${TICKET_ID}`);
    const found = await waitForBadge(page, TICKET_ID, 'ticket');
    const data = await badgeData(found.first());
    expect(data.ticketId).toBe(String(TICKET_ID));
    expect(data.metric).toBeTruthy();
    expect(data.state).toBeTruthy();
  });
});

describe('extension id lookup', () => {
  // A throwaway extension with a service worker and a manifest key: proves the worker's URL is preferred and
  // that the key-derived id agrees with what Chrome assigns.
  let dir: string;
  let launched: ExtensionBrowser | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zso-id-probe-'));
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const manifest = {
      manifest_version: 3,
      name: 'zso id probe',
      version: '1.0',
      key: publicKey.toString('base64'),
      background: { service_worker: 'worker.js' },
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 'worker.js'), '// Only needs to exist: the test reads the worker URL.\n');
    launched = await launchWithExtension({ extensionDir: dir });
  });

  afterAll(async () => {
    await launched?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the id from the service worker when the extension has one', () => {
    const worker = launched ? serviceWorker(launched.context) : undefined;
    expect(worker).toBeDefined();
    expect(launched?.extensionId).toBe(extensionIdFromUrl(worker?.url() ?? ''));
    expect(launched?.extensionId).toBe(extensionIdForDir(dir));
  });
});
