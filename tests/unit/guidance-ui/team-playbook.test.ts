import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { parsePlaybook } from '@/lib/guidance/playbook-file';
import { validatePlaybook, type Playbook } from '@/lib/guidance/playbook-schema';
import { exportPlaybook, formatOfFileName, previewImport } from '@/lib/guidance-ui/playbook-import';
import {
  effectivePlaybook,
  extendPlaybook,
  readTeamPlaybook,
  saveTeamPlaybook,
  teamPlaybookItem,
  watchTeamPlaybook,
  type TeamPlaybook,
} from '@/lib/guidance-ui/storage';

const NOW = Date.parse('2026-11-17T18:00:00Z');

/** A team playbook: one new rule and card for self-managed tickets, and its own version of the default "twitter" card. */
const TEAM_YAML = `version: 1
name: Team Self-managed
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
  - id: twitter
    title: Our own Twitter card
    importance: 10
    why: The team answers Twitter differently.
    handbook:
      page: Team handbook
      section: Twitter
      url: https://example.com/handbook/twitter
`;

function teamPlaybook(): Playbook {
  const r = parsePlaybook(TEAM_YAML, 'yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.playbook;
}

describe('the team playbook item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads as the default playbook when nothing was imported', async () => {
    expect(await readTeamPlaybook()).toEqual({ team: { mode: 'default' }, problem: null });
    expect(effectivePlaybook({ mode: 'default' }, DEFAULT_PLAYBOOK)).toBe(DEFAULT_PLAYBOOK);
  });

  it('saves a valid import and reads it back', async () => {
    const team: TeamPlaybook = { mode: 'replace', playbook: teamPlaybook(), importedAt: NOW, fileName: 'team.yaml' };
    expect(await saveTeamPlaybook(team)).toBeNull();
    expect(await readTeamPlaybook()).toEqual({ team, problem: null });
    expect(effectivePlaybook(team, DEFAULT_PLAYBOOK).name).toBe('Team Self-managed');
    // In storage.local, so every Zendesk tab reads it.
    expect(await fakeBrowser.storage.local.get('guidanceTeamPlaybook')).toEqual({ guidanceTeamPlaybook: team });
  });

  it('never writes an invalid playbook, keeping the valid one', async () => {
    const valid: TeamPlaybook = { mode: 'extend', playbook: teamPlaybook(), importedAt: NOW, fileName: 'team.yaml' };
    await saveTeamPlaybook(valid);
    const broken = { ...teamPlaybook(), rules: [{ ...teamPlaybook().rules[0]!, cards: ['missing-card'] }] };
    const errors = await saveTeamPlaybook({ mode: 'replace', playbook: broken, importedAt: NOW + 1, fileName: 'broken.yaml' });
    expect(errors).toEqual([expect.objectContaining({ path: 'rules.0.cards.0', message: 'no card with id "missing-card"' })]);
    expect((await readTeamPlaybook()).team).toEqual(valid);
  });

  it.each([
    ['a value of unknown shape', { mode: 'merge', playbook: {} }, 'not in a known format'],
    ['a playbook that no longer validates', { mode: 'replace', playbook: { version: 2, name: 'Old', rules: [], cards: [] }, importedAt: NOW, fileName: 'old.yaml' }, '"old.yaml" is no longer valid (version: must be 1)'],
    ['not an object at all', 'replace', 'not in a known format'],
  ])('reads %s as the default playbook and says so', async (_what, stored, problem) => {
    await teamPlaybookItem.setValue(stored);
    const read = await readTeamPlaybook();
    expect(read.team).toEqual({ mode: 'default' });
    expect(read.problem).toContain(problem);
    expect(read.problem).toContain('the default playbook is used');
  });

  it('tells a watcher about every change, already validated', async () => {
    const seen: string[] = [];
    const unwatch = watchTeamPlaybook((read) => seen.push(read.team.mode + (read.problem ? '!' : '')));
    await saveTeamPlaybook({ mode: 'extend', playbook: teamPlaybook(), importedAt: NOW, fileName: 'team.yaml' });
    await teamPlaybookItem.setValue({ mode: 'replace', playbook: { nonsense: true }, importedAt: NOW, fileName: 'x.json' });
    await saveTeamPlaybook({ mode: 'default' });
    unwatch();
    expect(seen).toEqual(['extend', 'default!', 'default']);
  });
});

describe('extending the default playbook', () => {
  const merged = extendPlaybook(DEFAULT_PLAYBOOK, teamPlaybook());

  it("adds the team's rules and cards after the default's", () => {
    expect(merged.rules.map((r) => r.id)).toEqual([...DEFAULT_PLAYBOOK.rules.map((r) => r.id), 'self-managed-logs']);
    expect(merged.cards.map((c) => c.id)).toEqual([...DEFAULT_PLAYBOOK.cards.map((c) => c.id), 'ask-for-logs']);
    expect(merged.name).toBe(`${DEFAULT_PLAYBOOK.name} + Team Self-managed`);
  });

  it("lets the team's card win where an id is in both, in the default's place", () => {
    const index = DEFAULT_PLAYBOOK.cards.findIndex((c) => c.id === 'twitter');
    expect(merged.cards[index]?.title).toBe('Our own Twitter card');
    expect(merged.cards.filter((c) => c.id === 'twitter')).toHaveLength(1);
  });

  it('is itself a valid playbook', () => {
    expect(validatePlaybook(merged).ok).toBe(true);
  });
});

describe('importing and exporting', () => {
  it.each([
    ['team.json', 'json'],
    ['team.YAML', 'yaml'],
    ['team.yml', 'yaml'],
    ['team.txt', null],
  ])('reads the format of %s as %s', (name, format) => {
    expect(formatOfFileName(name)).toBe(format);
  });

  it('previews an extension: what is added and which default ids the team overrides', () => {
    const outcome = previewImport({ text: TEAM_YAML, format: 'yaml', mode: 'extend', fileName: 'team.yaml' }, { mode: 'default' }, DEFAULT_PLAYBOOK, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.preview.diff.rules).toEqual({ added: ['self-managed-logs'], removed: [], changed: [] });
    expect(outcome.preview.diff.cards.added).toEqual(['ask-for-logs']);
    expect(outcome.preview.diff.cards.changed.map((c) => c.id)).toEqual(['twitter']);
    expect(outcome.preview.overridden).toEqual({ rules: [], cards: ['twitter'] });
    expect(outcome.preview.team).toEqual({ mode: 'extend', playbook: teamPlaybook(), importedAt: NOW, fileName: 'team.yaml' });
  });

  it('previews a replacement as removing the default rules', () => {
    const outcome = previewImport({ text: TEAM_YAML, format: 'yaml', mode: 'replace', fileName: '' }, { mode: 'default' }, DEFAULT_PLAYBOOK, NOW);
    if (!outcome.ok) throw new Error('expected a preview');
    expect(outcome.preview.diff.rules.removed).toEqual(DEFAULT_PLAYBOOK.rules.map((r) => r.id));
    expect(outcome.preview.fileName).toBe('pasted YAML');
    expect(outcome.preview.overridden).toEqual({ rules: [], cards: [] });
  });

  it('gives the line and field of an error and no preview', () => {
    const text = TEAM_YAML.replace('importance: 400', 'importance: lots');
    const outcome = previewImport({ text, format: 'yaml', mode: 'extend', fileName: 'team.yaml' }, { mode: 'default' }, DEFAULT_PLAYBOOK, NOW);
    expect(outcome).toEqual({ ok: false, errors: [{ path: 'cards.0.importance', line: 13, message: 'expected number, got the text "lots"' }] });
  });

  it('refuses empty text', () => {
    expect(previewImport({ text: '  ', format: 'json', mode: 'replace', fileName: '' }, { mode: 'default' }, DEFAULT_PLAYBOOK, NOW).ok).toBe(false);
  });

  it.each(['yaml', 'json'] as const)('exports %s that parses back to the same playbook', (format) => {
    for (const playbook of [DEFAULT_PLAYBOOK, extendPlaybook(DEFAULT_PLAYBOOK, teamPlaybook())]) {
      const file = exportPlaybook(playbook, format);
      expect(file.fileName.endsWith(`.${format}`)).toBe(true);
      expect(parsePlaybook(file.text, format)).toEqual({ ok: true, playbook });
    }
  });
});
