import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK, defaultPlaybookData } from '@/lib/guidance/default-playbook';
import { diffPlaybooks, parsePlaybook } from '@/lib/guidance/playbook-file';
import type { Playbook } from '@/lib/guidance/playbook-schema';

const YAML_OK = `version: 1
name: Team playbook
rules:
  - id: twitter
    detection: Twitter channel
    when:
      channel: [twitter]
    cards: [twitter]
cards:
  - id: twitter
    title: Twitter
    importance: 10
    why: Tweets are short.
    handbook:
      page: Support (2016)
      section: Twitter
      url: https://about.gitlab.com/handbook/support/#twitter
    checks:
      - id: length
        severity: warning
        message: Too long for a tweet.
        max_length: 280
`;

function parsed(text: string, format: 'json' | 'yaml'): Playbook {
  const r = parsePlaybook(text, format);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.playbook;
}

describe('parsePlaybook', () => {
  it('reads a YAML playbook and fills the defaults', () => {
    const p = parsed(YAML_OK, 'yaml');
    expect(p.cards[0]?.checklist).toEqual([]);
    expect(p.cards[0]?.checks[0]?.applies_to).toBe('public');
  });

  it('round-trips the default playbook through JSON and YAML', () => {
    expect(parsed(JSON.stringify(defaultPlaybookData(), null, 2), 'json')).toEqual(DEFAULT_PLAYBOOK);
    expect(parsed(stringify(defaultPlaybookData()), 'yaml')).toEqual(DEFAULT_PLAYBOOK);
  });

  it('points at the line and field of an invalid regular expression in YAML', () => {
    const text = YAML_OK.replace('channel: [twitter]', 'subject: "(unclosed"');
    expect(parsePlaybook(text, 'yaml')).toEqual({
      ok: false,
      errors: [{ path: 'rules.0.when.subject', line: 7, message: 'not a valid regular expression' }],
    });
  });

  it('points at the line of a wrong value in JSON', () => {
    const data = defaultPlaybookData();
    const json = JSON.stringify(data, null, 2).replace('"importance": 1000', '"importance": "high"');
    const r = parsePlaybook(json, 'json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lineOfImportance = json.split('\n').findIndex((l) => l.includes('"importance": "high"')) + 1;
    expect(r.errors).toEqual([{ path: 'cards.0.importance', line: lineOfImportance, message: 'expected number, got the text "high"' }]);
  });

  it('places a missing field at its parent object', () => {
    const text = YAML_OK.replace('    why: Tweets are short.\n', '');
    const r = parsePlaybook(text, 'yaml');
    expect(r).toEqual({ ok: false, errors: [{ path: 'cards.0.why', line: 10, message: 'required (string)' }] });
  });

  it('reports JSON syntax errors with their line', () => {
    const r = parsePlaybook('{\n  "version": 1,\n  "name": "x",\n}', 'json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: '', line: 4 });
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parsePlaybook('version: 1\nname: x\nrules: [\n  - id: a\n', 'yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a duplicate key instead of keeping the last one', () => {
    const r = parsePlaybook(YAML_OK.replace('name: Team playbook', 'name: Team playbook\nname: Other'), 'yaml');
    expect(r.ok).toBe(false);
  });

  it.each([
    ['a rule pointing at a missing card', (t: string) => t.replace('cards: [twitter]', 'cards: [tweets]'), 'rules.0.cards.0', 'no card with id "tweets"'],
    ['an http link', (t: string) => t.replace('https://about.gitlab.com', 'http://about.gitlab.com'), 'cards.0.handbook.url', 'an https:// URL'],
    ['an unknown field (a typo)', (t: string) => t.replace('importance: 10', 'importance: 10\n    importanse: 11'), 'cards.0', 'unknown field "importanse"'],
    ['an empty condition', (t: string) => t.replace('channel: [twitter]', '{}').replace('    when:\n      {}', '    when: {}'), 'rules.0.when', 'an empty condition; give at least one field'],
    ['a check with nothing to check', (t: string) => t.replace('        max_length: 280\n', ''), 'cards.0.checks.0', expect.stringContaining('a check needs something to check')],
    ['a severity that would block', (t: string) => t.replace('severity: warning', 'severity: error'), 'cards.0.checks.0.severity', 'must be "warning"'],
  ])('rejects %s, naming the field', (_what, edit, path, message) => {
    const r = parsePlaybook(edit(YAML_OK), 'yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path, line: expect.any(Number) as number, message });
  });

  it('rejects a link whose host a ticket field could choose', () => {
    const text = YAML_OK.replace(
      '    checks:',
      '    links:\n      - id: evil\n        title: Evil\n        url: https://{{requester.email}}/x\n    checks:',
    );
    const r = parsePlaybook(text, 'yaml');
    expect(r.ok === false && r.errors.map((e) => e.path)).toEqual(['cards.0.links.0.url']);
  });
});

describe('diffPlaybooks', () => {
  it('lists added, removed and changed rules and cards for the import preview', () => {
    const next = defaultPlaybookData();
    next.rules = next.rules.filter((r) => r.id !== 'facebook');
    next.rules.push({ id: 'mailing-list', detection: 'Tagged mailing_list', when: { tags: { any: ['mailing_list'] } }, cards: ['forum'] });
    const forum = next.cards.find((c) => c.id === 'forum');
    if (forum) forum.importance = 999;
    const emergency = next.rules.find((r) => r.id === 'emergency');
    if (emergency) emergency.when = { priority: ['urgent'] };
    const d = diffPlaybooks(DEFAULT_PLAYBOOK, parsed(JSON.stringify(next), 'json'));
    expect(d).toEqual({
      rules: { added: ['mailing-list'], removed: ['facebook'], changed: ['emergency'] },
      cards: { added: [], removed: [], changed: [{ id: 'forum', fields: ['importance'] }] },
      same: false,
    });
  });

  it('says nothing changed when only the key order differs', () => {
    const reordered = parsed(stringify(defaultPlaybookData(), { sortMapEntries: true }), 'yaml');
    expect(diffPlaybooks(DEFAULT_PLAYBOOK, reordered).same).toBe(true);
  });
});
