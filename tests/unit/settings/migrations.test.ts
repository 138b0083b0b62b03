import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { shiftSchema } from '@/lib/popup/shift';
import { alertSettingsV1toV2, currentVersion, migrateItem } from '@/lib/settings/migrations';
import { slaSettingsSchema } from '@/lib/settings/sla-settings-schema';
import { alertSettingsItem, alertSettingsSchema, customDomainsSchema, escalationSettingsSchema } from '@/lib/storage';

const FIXTURES = join(__dirname, '../../fixtures/settings');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('alert settings v1 → v2', () => {
  it.each([
    ['alertSettings.v1.json', { leadTimesMinutes: [90, 30, 10], breach: false, pollIntervalSeconds: 120, teamSize: 25 }],
    ['alertSettings.v1-before-team-size.json', { leadTimesMinutes: [60, 15, 5], breach: true, pollIntervalSeconds: 60 }],
  ])('keeps every v1 setting of %s and adds quiet hours off, snooze an hour, sound on', (file, kept) => {
    const migrated = migrateItem('alertSettings', 1, fixture(file));
    expect(migrated).toEqual({ ...kept, quietHours: null, snoozeDefault: 'hour', sound: true });
    expect(alertSettingsSchema.safeParse(migrated).success).toBe(true);
  });

  it('leaves a value already in the v2 shape as it is (a write that lost its version marker)', () => {
    const v2 = { leadTimesMinutes: [15], breach: true, pollIntervalSeconds: 60, quietHours: { start: '22:00', end: '07:00' }, snoozeDefault: 'shift', sound: false };
    expect(alertSettingsV1toV2(v2)).toEqual(v2);
  });

  it('passes what it cannot read to the schema, which then reads the default', () => {
    expect(alertSettingsV1toV2('garbage')).toBe('garbage');
    expect(alertSettingsSchema.safeParse(alertSettingsV1toV2({ breach: 'yes' })).success).toBe(false);
  });
});

describe('migrating stored settings (WXT storage)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('migrates a v1 profile on read and records version 2', async () => {
    await fakeBrowser.storage.local.set({ alertSettings: fixture('alertSettings.v1.json') });
    await alertSettingsItem.item.migrate();
    expect(await alertSettingsItem.get()).toMatchObject({ leadTimesMinutes: [90, 30, 10], teamSize: 25, quietHours: null, sound: true });
    expect(await fakeBrowser.storage.local.get('alertSettings$')).toEqual({ 'alertSettings$': { v: 2 } });
    // Migrating again changes nothing.
    await alertSettingsItem.item.migrate();
    expect((await fakeBrowser.storage.local.get('alertSettings')).alertSettings).toMatchObject({ breach: false, snoozeDefault: 'hour' });
  });
});

describe('every item at version 1 reads under the current version', () => {
  it.each([
    ['slaSettings', 'slaSettings.v1.json', slaSettingsSchema],
    ['escalationSettings', 'escalationSettings.v1.json', escalationSettingsSchema],
    ['customDomains', 'customDomains.v1.json', customDomainsSchema],
    ['shift', 'shift.v1.json', shiftSchema],
    ['alertSettings', 'alertSettings.v1.json', alertSettingsSchema],
  ] as const)('%s', (name, file, schema) => {
    const migrated = migrateItem(name, 1, fixture(file));
    expect((schema as { safeParse(v: unknown): { success: boolean } }).safeParse(migrated).success).toBe(true);
    if (currentVersion(name) === 1) expect(migrated).toEqual(fixture(file));
  });
});
