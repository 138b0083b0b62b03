import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { diffLines, exportSettings, importWrites, previewSettingsImport, readCurrentSettings, SETTINGS_FILE_FORMAT } from '@/lib/settings/file';
import { alertSettingsItem, DEFAULT_ALERT_SETTINGS, escalationSettingsItem, instanceAuthItem, slaSettingsItem } from '@/lib/storage';
import { defaultSlaSettings } from '@/lib/settings/sla-settings-schema';

const NOW = Date.parse('2026-11-17T18:00:00Z');
const V1_FILE = readFileSync(join(__dirname, '../../fixtures/settings/settings-file.v1.json'), 'utf8');

beforeEach(() => fakeBrowser.reset());

describe('exporting settings', () => {
  it('writes every team setting with its version, and never a token', async () => {
    await instanceAuthItem.set({ 'https://acme.zendesk.com': { mode: 'token', email: 'a@acme.com', token: 'abcdefghij0123456789' } });
    await slaSettingsItem.set({ ...defaultSlaSettings(), presetId: 'gitlab-current' });
    const { text, fileName } = await exportSettings(NOW);
    const file = JSON.parse(text);
    expect(fileName).toBe('zendesk-sla-overlay-settings-2026-11-17.json');
    expect(file).toMatchObject({ format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: '2026-11-17T18:00:00.000Z' });
    expect(file.items.slaSettings).toEqual({ version: 1, value: expect.objectContaining({ presetId: 'gitlab-current' }) });
    expect(file.items.alertSettings.version).toBe(2);
    expect(Object.keys(file.items).sort()).toEqual(['alertSettings', 'customDomains', 'escalationSettings', 'slaSettings', 'teamPlaybook']);
    expect(text).not.toContain('abcdefghij0123456789');
  });

  it('round-trips: a file exported here previews as unchanged here', async () => {
    await slaSettingsItem.set({ ...defaultSlaSettings(), thresholds: { warningMinutes: 30, criticalMinutes: 5 } });
    const { text } = await exportSettings(NOW);
    const r = previewSettingsImport(text, await readCurrentSettings());
    expect(r.ok && r.preview.changes.every((c) => c.lines.length === 0)).toBe(true);
  });
});

describe('importing settings', () => {
  it('migrates a file whose alert settings are from version 1, and shows what changes', async () => {
    const r = previewSettingsImport(V1_FILE, await readCurrentSettings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.values['alertSettings']).toEqual({ leadTimesMinutes: [90, 30, 10], breach: false, pollIntervalSeconds: 120, teamSize: 25, quietHours: null, snoozeDefault: 'hour', sound: true });
    const alerts = r.preview.changes.find((c) => c.name === 'alertSettings')!;
    expect(alerts.migrated).toBe(true);
    expect(alerts.lines).toContain('pollIntervalSeconds: 60 → 120');
    expect(r.preview.changes.find((c) => c.name === 'slaSettings')!.lines).toContain('presetId: "handbook" → "gitlab-current"');
    expect(r.preview.permissions).toEqual(['https://support.example.com/*', 'https://hooks.slack.com/*']);
  });

  it('writes every item and its version marker in one write', async () => {
    const r = previewSettingsImport(V1_FILE, await readCurrentSettings());
    if (!r.ok) throw new Error(r.errors.join());
    await storage.setItems(importWrites(r.preview));
    expect(await alertSettingsItem.get()).toMatchObject({ pollIntervalSeconds: 120, sound: true });
    expect((await fakeBrowser.storage.local.get('alertSettings$'))['alertSettings$']).toEqual({ v: 2 });
    expect((await slaSettingsItem.get()).presetId).toBe('gitlab-current');
    expect((await escalationSettingsItem.get()).slackWebhookUrl).toContain('hooks.slack.com');
  });

  it.each([
    ['not JSON', '{', 'not a JSON file'],
    ['another format', JSON.stringify({ format: 'something', version: 1, items: {} }), 'not a settings file'],
    ['a newer file', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 9, items: {} }), 'newer version'],
    ['a newer item', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, items: { alertSettings: { version: 7, value: {} } } }), 'newer version'],
    ['an unknown item', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, items: { colours: { version: 1, value: {} } } }), 'not a setting'],
    ['nothing in it', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, items: {} }), 'no settings'],
  ])('refuses %s with a message', async (_what, text, message) => {
    const r = previewSettingsImport(text, await readCurrentSettings());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join(' ')).toContain(message);
  });

  it('refuses the whole file when one item is invalid (an impossible schedule), naming it', async () => {
    const file = JSON.parse(V1_FILE);
    file.items.slaSettings.value.businessHours.schedule.intervals = [{ start_time: 600, end_time: 500 }];
    file.items.alertSettings.value.pollIntervalSeconds = 5;
    const r = previewSettingsImport(JSON.stringify(file), await readCurrentSettings());
    expect(r.ok).toBe(false);
    const errors = !r.ok ? r.errors : [];
    expect(errors.find((e) => e.startsWith('SLA:'))).toContain('end_time must be after start_time');
    expect(errors.find((e) => e.startsWith('Alerts:'))).toContain('pollIntervalSeconds');
    // Nothing was written.
    expect(await alertSettingsItem.get()).toEqual(DEFAULT_ALERT_SETTINGS);
  });
});

describe('the change list', () => {
  it('names each changed field with its old and new value', () => {
    expect(diffLines({ a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'x' }, d: true })).toEqual(['a: 1 → 2', 'd: (none) → true']);
  });
  it('stops after a dozen lines and says how many more', () => {
    const before = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const lines = diffLines(before, {});
    expect(lines).toHaveLength(13);
    expect(lines.at(-1)).toBe('… and 8 more');
  });
});
