/**
 * What the guidance panel remembers: whether it is open, and the checklist ticks per ticket. Both live in
 * `storage.local` so they survive reloads and are shared by every Zendesk tab (each tab watches the items).
 *
 * They are defined here rather than in lib/storage.ts because that module carries the worker's schemas; this one
 * is imported by the guidance content script and must stay small. Values are validated on the way in and out: a
 * stored value that no longer parses reads as the default.
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { validatePlaybook, type Playbook, type PlaybookError } from '../guidance/playbook-schema';

const DAY_MS = 24 * 60 * 60_000;
/** Ticks older than this are forgotten (a solved ticket's checklist is no longer needed). */
export const TICK_MAX_AGE_MS = 90 * DAY_MS;
/** At most this many ticks are kept (the newest win), so storage never grows without bound. */
export const MAX_TICKS = 5_000;

export const panelOpenItem = storage.defineItem<boolean>('local:guidancePanelOpen', { version: 1, fallback: true });

/** `origin|ticketId|cardId|itemId` → when it was ticked (epoch ms). An unticked item has no entry. */
const ticksSchema = z.record(z.string().check(z.regex(/^https?:\/\/[^|\s]+\|\d+\|[^|\s]+\|[^|\s]+$/)), z.number());
export type ChecklistTicks = z.infer<typeof ticksSchema>;

export const checklistTicksItem = storage.defineItem<unknown>('local:guidanceChecklistTicks', { version: 1, fallback: {} });

/** The key one checklist item's tick is stored under. */
export function tickKey(origin: string, ticketId: number, cardId: string, itemId: string): string {
  return `${origin}|${ticketId}|${cardId}|${itemId}`;
}

/** The stored ticks, or none when what is stored does not parse. */
export function parseTicks(raw: unknown): ChecklistTicks {
  const r = ticksSchema.safeParse(raw);
  return r.success ? r.data : {};
}

export async function readTicks(): Promise<ChecklistTicks> {
  return parseTicks(await checklistTicksItem.getValue());
}

/** Drops ticks older than the maximum age, then the oldest beyond the cap. */
export function pruneTicks(ticks: ChecklistTicks, now: number): ChecklistTicks {
  const fresh = Object.entries(ticks).filter(([, at]) => now - at <= TICK_MAX_AGE_MS);
  fresh.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(fresh.slice(0, MAX_TICKS));
}

/** Ticks or unticks one item. Read-modify-write: two tabs ticking in the same millisecond could lose one tick. */
export async function setTick(key: string, ticked: boolean, now: number): Promise<ChecklistTicks> {
  const ticks = { ...(await readTicks()) };
  if (ticked) ticks[key] = now;
  else delete ticks[key];
  const next = pruneTicks(ticks, now);
  await checklistTicksItem.setValue(next);
  return next;
}

/** Calls back with every change, from this tab or another. Returns the unwatch function. */
export function watchTicks(onChange: (ticks: ChecklistTicks) => void): () => void {
  return checklistTicksItem.watch((value) => onChange(parseTicks(value)));
}

// ------------------------------------------------------------------ team playbook (issue 4, "Team playbooks")

/**
 * The team's imported playbook. "replace" uses it instead of the default; "extend" adds its rules and cards to the
 * default, the team's winning where an id is in both. Only ever written after `validatePlaybook` passed, and
 * validated again when read: a stored value that no longer parses (an older schema, a hand edit) reads as the
 * default, with a `problem` saying why, instead of breaking the panel.
 *
 * Only zod/mini and `validatePlaybook` here (no `yaml`): the guidance content script imports this module.
 */
export type TeamPlaybook =
  | { mode: 'default' }
  | { mode: 'replace' | 'extend'; playbook: Playbook; importedAt: number; fileName: string };
export type TeamPlaybookMode = TeamPlaybook['mode'];

const teamPlaybookEnvelope = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('default') }),
  z.strictObject({
    mode: z.enum(['replace', 'extend']),
    playbook: z.unknown(),
    importedAt: z.number(),
    fileName: z.string(),
  }),
]);

export const teamPlaybookItem = storage.defineItem<unknown>('local:guidanceTeamPlaybook', {
  version: 1,
  fallback: { mode: 'default' },
});

export interface TeamPlaybookRead {
  team: TeamPlaybook;
  /** Why the stored value was ignored, or null when it was valid (or absent). */
  problem: string | null;
}

/** The stored team playbook, validated; anything invalid reads as the default and says why. */
export function parseTeamPlaybook(raw: unknown): TeamPlaybookRead {
  const envelope = teamPlaybookEnvelope.safeParse(raw);
  if (!envelope.success) return { team: { mode: 'default' }, problem: 'The saved team playbook is not in a known format, so the default playbook is used.' };
  const value = envelope.data;
  if (value.mode === 'default') return { team: value, problem: null };
  const checked = validatePlaybook(value.playbook);
  if (!checked.ok) {
    const first = checked.errors[0];
    const where = first ? ` (${first.path || 'the file'}: ${first.message})` : '';
    return { team: { mode: 'default' }, problem: `The saved team playbook "${value.fileName}" is no longer valid${where}, so the default playbook is used. Import it again after fixing it.` };
  }
  return { team: { ...value, playbook: checked.playbook }, problem: null };
}

export async function readTeamPlaybook(): Promise<TeamPlaybookRead> {
  return parseTeamPlaybook(await teamPlaybookItem.getValue());
}

/**
 * Saves a team playbook, only when it is valid: an invalid one never replaces the valid playbook. Returns the
 * validation errors (nothing written) or null.
 */
export async function saveTeamPlaybook(team: TeamPlaybook): Promise<PlaybookError[] | null> {
  if (team.mode === 'default') {
    await teamPlaybookItem.setValue({ mode: 'default' });
    return null;
  }
  const checked = validatePlaybook(team.playbook);
  if (!checked.ok) return checked.errors;
  // Extending needs no second check: two valid playbooks merged by id keep unique ids and every card reference.
  await teamPlaybookItem.setValue({ ...team, playbook: checked.playbook });
  return null;
}

/**
 * The default playbook plus the team's: a team rule or card whose id is also in the default replaces it in place
 * (the team wins); new ones follow the default's. The name says both.
 */
export function extendPlaybook(base: Playbook, team: Playbook): Playbook {
  const merge = <T extends { id: string }>(a: readonly T[], b: readonly T[]): T[] => {
    const byId = new Map(b.map((x) => [x.id, x]));
    const ids = new Set(a.map((x) => x.id));
    return [...a.map((x) => byId.get(x.id) ?? x), ...b.filter((x) => !ids.has(x.id))];
  };
  return { version: 1, name: `${base.name} + ${team.name}`, rules: merge(base.rules, team.rules), cards: merge(base.cards, team.cards) };
}

/** Ids of the team's rules and cards that replace the default's of the same id when extending. */
export function overriddenIds(base: Playbook, team: Playbook): { rules: string[]; cards: string[] } {
  const has = (xs: readonly { id: string }[]) => new Set(xs.map((x) => x.id));
  const rules = has(base.rules);
  const cards = has(base.cards);
  return { rules: team.rules.filter((r) => rules.has(r.id)).map((r) => r.id), cards: team.cards.filter((c) => cards.has(c.id)).map((c) => c.id) };
}

/** The playbook the panel uses for a team setting. */
export function effectivePlaybook(team: TeamPlaybook, base: Playbook): Playbook {
  if (team.mode === 'replace') return team.playbook;
  if (team.mode === 'extend') return extendPlaybook(base, team.playbook);
  return base;
}

/** Calls back with every change of the team playbook, from this page or another. Returns the unwatch function. */
export function watchTeamPlaybook(onChange: (read: TeamPlaybookRead) => void): () => void {
  return teamPlaybookItem.watch((value) => onChange(parseTeamPlaybook(value)));
}
