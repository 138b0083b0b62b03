/**
 * All of a team's settings as one file: export, and an import that is checked as a whole, shows what it will
 * change, and is applied only when valid, in one storage write. The file carries its format version and each
 * item's version; items from an older version go through the same numbered migrations as storage
 * (lib/settings/migrations.ts) before they are checked.
 *
 * Left out on purpose: API tokens and sign-in choices (personal secrets), the instances this browser has seen,
 * snoozes, the alert ledger and the queue (this browser's state, not the team's settings).
 */
import type { StorageItemKey } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { parseTeamPlaybook, teamPlaybookItem } from '../guidance-ui/storage';
import { shiftItem, shiftSchema } from '../popup/shift';
import { createCalendar } from '../sla/business-hours';
import {
  alertSettingsItem,
  alertSettingsSchema,
  customDomainsItem,
  customDomainsSchema,
  escalationSettingsItem,
  escalationSettingsSchema,
  slaSettingsItem,
} from '../storage';
import { slaSettingsSchema } from './sla-settings-schema';
import { currentVersion, migrateItem } from './migrations';
import { hostPattern } from './custom-domains';

export const SETTINGS_FILE_FORMAT = 'zendesk-sla-overlay-settings';
/** The envelope's version. Items carry their own versions inside it. */
export const SETTINGS_FILE_VERSION = 1;

type Check = { ok: true; value: unknown } | { ok: false; error: string };

interface FileItem {
  name: string;
  label: string;
  key: StorageItemKey;
  read(): Promise<unknown>;
  check(value: unknown): Check;
}

function issues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');
}

function schemaCheck<T>(schema: z.ZodMiniType<T>, more?: (value: T) => string | null): (value: unknown) => Check {
  return (value) => {
    const r = schema.safeParse(value);
    if (!r.success) return { ok: false, error: issues(r.error) };
    const problem = more?.(r.data) ?? null;
    return problem ? { ok: false, error: problem } : { ok: true, value: r.data };
  };
}

export const FILE_ITEMS: FileItem[] = [
  { name: 'slaSettings', label: 'SLA', key: slaSettingsItem.key, read: () => slaSettingsItem.get(), check: schemaCheck(slaSettingsSchema, (s) => {
    if (s.businessHours.kind === 'preset') return null;
    const made = createCalendar(s.businessHours.schedule, s.businessHours.holidays);
    return made.ok ? null : `businessHours: ${made.error}`;
  }) },
  { name: 'alertSettings', label: 'Alerts', key: alertSettingsItem.key, read: () => alertSettingsItem.get(), check: schemaCheck(alertSettingsSchema) },
  {
    name: 'escalationSettings',
    label: 'Escalation',
    key: escalationSettingsItem.key,
    read: () => escalationSettingsItem.get(),
    check: schemaCheck(escalationSettingsSchema, (e) =>
      e.slackWebhookUrl && !e.slackWebhookUrl.startsWith('https://hooks.slack.com/') ? 'slackWebhookUrl: a Slack webhook starts with https://hooks.slack.com/' : null,
    ),
  },
  { name: 'customDomains', label: 'Custom domains', key: customDomainsItem.key, read: () => customDomainsItem.get(), check: schemaCheck(customDomainsSchema) },
  { name: 'shift', label: 'Shift', key: shiftItem.key, read: async () => shiftSchema.safeParse(await shiftItem.getValue()).data ?? null, check: (v) => (v === null ? { ok: true, value: null } : schemaCheck(shiftSchema)(v)) },
  {
    name: 'teamPlaybook',
    label: 'Guidance playbook',
    key: teamPlaybookItem.key,
    read: async () => (await teamPlaybookItem.getValue()) ?? { mode: 'default' },
    check: (v) => {
      const read = parseTeamPlaybook(v);
      return read.problem ? { ok: false, error: read.problem } : { ok: true, value: v };
    },
  },
];

const fileSchema = z.object({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.number().check(z.int(), z.positive()),
  exportedAt: z.optional(z.string()),
  items: z.record(z.string(), z.object({ version: z.number().check(z.int(), z.positive()), value: z.unknown() })),
});
export type SettingsFile = z.infer<typeof fileSchema>;

export async function exportSettings(now: number): Promise<{ text: string; fileName: string }> {
  const items: SettingsFile['items'] = {};
  for (const item of FILE_ITEMS) {
    const value = await item.read();
    if (value !== null && value !== undefined) items[item.name] = { version: currentVersion(item.name), value };
  }
  const file: SettingsFile = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, exportedAt: new Date(now).toISOString(), items };
  return { text: `${JSON.stringify(file, null, 2)}\n`, fileName: `zendesk-sla-overlay-settings-${new Date(now).toISOString().slice(0, 10)}.json` };
}

export interface ItemChange {
  name: string;
  label: string;
  /** "thresholds.warningMinutes: 60 → 45"; empty when the item is unchanged. */
  lines: string[];
  /** The file had it at an older version; it was migrated to the current one. */
  migrated: boolean;
}

export interface ImportPreview {
  /** The migrated, checked values to write, by item name. */
  values: Record<string, unknown>;
  changes: ItemChange[];
  /** Host permissions the import needs (custom domains, Slack), requested at Apply. */
  permissions: string[];
  fromVersions: Record<string, number>;
}

export type ImportResult = { ok: true; preview: ImportPreview } | { ok: false; errors: string[] };

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix || '(value)', JSON.stringify(value));
}

const MAX_LINES = 12;

export function diffLines(before: unknown, after: unknown): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  const lines: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    const short = (s: string | undefined) => (s === undefined ? '(none)' : s.length > 60 ? `${s.slice(0, 57)}…` : s);
    lines.push(`${key}: ${short(x)} → ${short(y)}`);
  }
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`] : lines;
}

/** Parses, migrates and checks a settings file as a whole against the current settings; writes nothing. */
export function previewSettingsImport(text: string, current: Record<string, unknown>): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`This is not a JSON file (${error instanceof Error ? error.message : 'unreadable'}). Choose a file exported from this page.`] };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return { ok: false, errors: [`This is not a settings file exported by Zendesk SLA Overlay (${issues(file.error)}).`] };
  if (file.data.version > SETTINGS_FILE_VERSION) {
    return { ok: false, errors: [`This file is from a newer version of the extension (format ${file.data.version}); update the extension to import it.`] };
  }
  const errors: string[] = [];
  const values: Record<string, unknown> = {};
  const fromVersions: Record<string, number> = {};
  const known = new Set(FILE_ITEMS.map((i) => i.name));
  for (const name of Object.keys(file.data.items)) if (!known.has(name)) errors.push(`${name}: not a setting this version knows.`);
  for (const item of FILE_ITEMS) {
    const entry = file.data.items[item.name];
    if (!entry) continue;
    if (entry.version > currentVersion(item.name)) {
      errors.push(`${item.label}: saved by a newer version of the extension (version ${entry.version}); update the extension to import it.`);
      continue;
    }
    const checked = item.check(migrateItem(item.name, entry.version, entry.value));
    if (!checked.ok) errors.push(`${item.label}: ${checked.error}`);
    else {
      values[item.name] = checked.value;
      fromVersions[item.name] = entry.version;
    }
  }
  if (errors.length) return { ok: false, errors };
  if (Object.keys(values).length === 0) return { ok: false, errors: ['The file holds no settings.'] };
  const changes = FILE_ITEMS.filter((i) => i.name in values).map((i) => ({
    name: i.name,
    label: i.label,
    lines: diffLines(current[i.name], values[i.name]),
    migrated: fromVersions[i.name]! < currentVersion(i.name),
  }));
  const permissions: string[] = [];
  const domains = values['customDomains'] as { origin: string }[] | undefined;
  for (const d of domains ?? []) permissions.push(hostPattern(d.origin));
  const slack = (values['escalationSettings'] as { slackWebhookUrl?: string } | undefined)?.slackWebhookUrl;
  if (slack) permissions.push('https://hooks.slack.com/*');
  return { ok: true, preview: { values, changes, permissions, fromVersions } };
}

export async function readCurrentSettings(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const item of FILE_ITEMS) out[item.name] = await item.read();
  return out;
}

/** Writes every imported item, with its version marker, in one storage write. */
export function importWrites(preview: ImportPreview): { key: StorageItemKey; value: unknown }[] {
  const writes: { key: StorageItemKey; value: unknown }[] = [];
  for (const item of FILE_ITEMS) {
    if (!(item.name in preview.values)) continue;
    writes.push({ key: item.key, value: preview.values[item.name] }, { key: `${item.key}$`, value: { v: currentVersion(item.name) } });
  }
  return writes;
}
