/**
 * Team playbooks in real Chromium with the built extension, against the local Zendesk replica: an import on the
 * options page (an invalid file refused with its line, a valid one previewed and applied), the open ticket page
 * following it without a reload, an export that parses back to the playbook in use, and a reset to the default.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_PLAYBOOK } from '../../lib/guidance/default-playbook';
import { parsePlaybook } from '../../lib/guidance/playbook-file';
import { extendPlaybook } from '../../lib/guidance-ui/storage';
import { SEED } from '../../replica/server';
import { useExtensionBrowser } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const h = useExtensionBrowser();

/** Ticket 117 is a plain email ticket tagged "self_managed"; the default playbook shows it one card. */
const TICKET = SEED.ticketNoSlaEmail;
const DEFAULT_CARDS = ['regular-fifo'];

const TEAM_YAML = `version: 1
name: Self-managed team
rules:
  - id: self-managed-logs
    detection: Tagged self_managed by the intake form.
    when:
      tags:
        any: [self_managed]
    cards: [ask-for-logs]
cards:
  - id: ask-for-logs
    title: Ask for the logs
    importance: 400
    why: Self-managed problems are solved from logs.
    handbook:
      page: Team handbook
      section: Logs
      url: https://example.com/handbook/logs
`;
/** Line 8 gives "tags" a field the schema does not know. */
const INVALID_YAML = TEAM_YAML.replace('        any: [self_managed]', '        some: [self_managed]');

const panel = (page: Page) => page.locator('zso-guidance-panel');
const cardIds = (page: Page) => panel(page).locator('article[data-card-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-card-id')));

async function openTicket(): Promise<Page> {
  const page = await h.openAgentPage(`/agent/tickets/${TICKET}`);
  await panel(page).locator('article[data-card-id]').first().waitFor({ state: 'visible', timeout: 10_000 });
  return page;
}

async function openOptions(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Guidance playbook' }).waitFor();
  return page;
}

const storedTeamPlaybook = (options: Page) => options.evaluate(async () => (await chrome.storage.local.get('guidanceTeamPlaybook'))['guidanceTeamPlaybook']);

async function importFile(options: Page, name: string, text: string): Promise<void> {
  await options.getByLabel('Playbook file (JSON or YAML)').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect.poll(() => options.getByLabel('Or paste the playbook').inputValue()).toBe(text);
  await options.getByRole('button', { name: 'Parse' }).click();
}

describe('team playbooks', () => {
  afterEach(async () => {
    const options = await openOptions();
    await options.evaluate(() => chrome.storage.local.remove('guidanceTeamPlaybook'));
    await options.close();
  });

  it('refuses an invalid YAML file with its line and field, and the guidance stays as it was', async () => {
    const ticket = await openTicket();
    expect(await cardIds(ticket)).toEqual(DEFAULT_CARDS);
    const options = await openOptions();
    await importFile(options, 'team.yaml', INVALID_YAML);
    const errors = options.locator('.playbook-errors li');
    await expect.poll(() => errors.allTextContents()).toContain('Line 8, rules.0.when.tags: unknown field "some"');
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('playbook-errors-title');
    expect(await options.getByRole('status').last().innerText()).toBe('Not imported: the playbook in use is unchanged.');
    expect(await options.locator('.playbook-preview').count()).toBe(0);
    expect(await storedTeamPlaybook(options)).toBeUndefined();
    expect(await cardIds(ticket)).toEqual(DEFAULT_CARDS);
  });

  it('previews a valid file, and Apply shows its card on the open ticket page without a reload', async () => {
    const ticket = await openTicket();
    const options = await openOptions();
    await importFile(options, 'team.yaml', TEAM_YAML);
    const preview = options.locator('[data-playbook-preview]');
    await expect.poll(() => preview.innerText()).toContain('Cards added: ask-for-logs');
    expect(await preview.innerText()).toContain('Rules added: self-managed-logs');
    expect(await preview.innerText()).toContain('Extend the default playbook');
    // Nothing changes before Apply.
    expect(await storedTeamPlaybook(options)).toBeUndefined();
    expect(await cardIds(ticket)).toEqual(DEFAULT_CARDS);

    await options.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => cardIds(ticket)).toEqual([...DEFAULT_CARDS, 'ask-for-logs']);
    expect(await panel(ticket).locator('[data-card-id="ask-for-logs"]').innerText()).toContain('Ask for the logs');
    await expect.poll(() => options.locator('[data-playbook-status]').innerText()).toContain('extending the default, from team.yaml');

    // Export writes the playbook in use (the default plus the team's), and it parses back to the same playbook.
    const team = parsePlaybook(TEAM_YAML, 'yaml');
    if (!team.ok) throw new Error('the team playbook is invalid');
    for (const [button, format] of [['Export as YAML', 'yaml'], ['Export as JSON', 'json']] as const) {
      const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename().endsWith(`.${format}`)).toBe(true);
      const text = await readFile((await download.path())!, 'utf8');
      expect(parsePlaybook(text, format)).toEqual({ ok: true, playbook: extendPlaybook(DEFAULT_PLAYBOOK, team.playbook) });
    }

    // Reset restores the default, on the open ticket page too.
    await options.getByRole('button', { name: 'Reset to default' }).click();
    await expect.poll(() => cardIds(ticket)).toEqual(DEFAULT_CARDS);
    expect(await storedTeamPlaybook(options)).toEqual({ mode: 'default' });
    await expect.poll(() => options.locator('[data-playbook-status]').innerText()).toContain('(the default playbook)');
  });
});
