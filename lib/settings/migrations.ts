/**
 * Numbered migrations of the settings items, pure functions from one version's stored value to the next. The
 * same functions run in storage (WXT `defineItem` `migrations`, lib/storage.ts) and on an imported settings file
 * from an older version (lib/settings/file.ts), and each has a golden-fixture test (tests/unit/settings/).
 *
 * Every item's shape before this file existed is its version 1. A migration must accept a value that is
 * already in its target shape (WXT re-runs it when a write landed without the version marker) and never throw
 * on outside data: what it cannot read it leaves for the item's schema, which then reads the default.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * alertSettings v1 → v2: quiet hours, the default snooze and the sound switch, which did not exist in v1.
 * v1's optional `teamSize` is kept as it was (absent still means DEFAULT_TEAM_SIZE).
 */
export function alertSettingsV1toV2(v1: unknown): unknown {
  if (!isObject(v1)) return v1;
  return { quietHours: null, snoozeDefault: 'hour', sound: true, ...v1 };
}

/** Per item, its current version and its migrations by target version. */
export const ITEM_MIGRATIONS = {
  alertSettings: { version: 2, migrations: { 2: alertSettingsV1toV2 } },
} as const satisfies Record<string, { version: number; migrations: Record<number, (v: unknown) => unknown> }>;

/** Runs an item's migrations from `from` to its current version; values of unknown items pass unchanged. */
export function migrateItem(name: string, from: number, value: unknown): unknown {
  const entry = (ITEM_MIGRATIONS as Record<string, { version: number; migrations: Record<number, (v: unknown) => unknown> }>)[name];
  if (!entry) return value;
  let out = value;
  for (let v = from + 1; v <= entry.version; v++) out = entry.migrations[v]?.(out) ?? out;
  return out;
}

export function currentVersion(name: string): number {
  return (ITEM_MIGRATIONS as Record<string, { version: number }>)[name]?.version ?? 1;
}
