/**
 * Reading a team's playbook file (JSON or YAML, errors with the line they come from) and what importing it would
 * change. Used by the options page only: the `yaml` parser stays out of the guidance content script, which imports
 * playbook-schema.ts alone.
 */
import { LineCounter, parseDocument } from 'yaml';
import { dotted, issueMessage, MAX_PLAYBOOK_BYTES, playbookSchema, type Playbook, type PlaybookResult } from './playbook-schema';

/**
 * Parses an imported JSON or YAML playbook. The result is either a whole valid playbook or the errors; callers keep
 * their current playbook on failure, so an invalid file never replaces a valid one.
 */
export function parsePlaybook(text: string, format: 'json' | 'yaml'): PlaybookResult {
  if (text.length > MAX_PLAYBOOK_BYTES) {
    return { ok: false, errors: [{ path: '', line: null, message: `the file is larger than ${MAX_PLAYBOOK_BYTES} characters` }] };
  }
  const lineCounter = new LineCounter();
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, errors: [{ path: '', line: jsonErrorLine(text, message), message: `not valid JSON: ${message}` }] };
    }
  }
  // JSON is YAML's flow style, so one YAML document gives source positions for both formats.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (format === 'yaml') {
    if (doc.errors.length > 0) {
      return {
        ok: false,
        errors: doc.errors.map((err) => ({
          path: '',
          line: lineCounter.linePos(err.pos[0]).line,
          message: `not valid YAML: ${err.message.split('\n')[0] ?? err.message}`,
        })),
      };
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return { ok: false, errors: [{ path: '', line: null, message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }
  const r = playbookSchema.safeParse(data);
  if (r.success) return { ok: true, playbook: r.data };
  const positioned = doc.errors.length === 0;
  return {
    ok: false,
    errors: r.error.issues.map((issue) => ({
      path: dotted(issue.path),
      line: positioned ? lineOf(doc, lineCounter, issue.path) : null,
      message: issueMessage(issue, data),
    })),
  };
}

/** The line of the node at `path`, or of its nearest ancestor that exists (a missing field points at its parent). */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: readonly PropertyKey[]): number | null {
  const keys = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return null;
}

/** V8 says "... at position 42" (Node 20) or "(line 3 column 5)" (Node 22). */
function jsonErrorLine(text: string, message: string): number | null {
  const line = /line (\d+)/.exec(message);
  if (line?.[1]) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos?.[1]) return text.slice(0, Number(pos[1])).split('\n').length;
  if (/end of JSON input/i.test(message)) return text.split('\n').length;
  return null;
}

export interface PlaybookDiff {
  rules: { added: string[]; removed: string[]; changed: string[] };
  cards: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  /** Nothing differs. */
  same: boolean;
}

/** What importing `next` over `old` would change, by id, for the preview before a team replaces its playbook. */
export function diffPlaybooks(old: Playbook, next: Playbook): PlaybookDiff {
  const byId = <T extends { id: string }>(xs: T[]): Map<string, T> => new Map(xs.map((x) => [x.id, x]));
  const oldRules = byId(old.rules);
  const nextRules = byId(next.rules);
  const oldCards = byId(old.cards);
  const nextCards = byId(next.cards);
  const rules = {
    added: [...nextRules.keys()].filter((id) => !oldRules.has(id)),
    removed: [...oldRules.keys()].filter((id) => !nextRules.has(id)),
    changed: [...nextRules].filter(([id, r]) => oldRules.has(id) && stable(oldRules.get(id)) !== stable(r)).map(([id]) => id),
  };
  const cards = {
    added: [...nextCards.keys()].filter((id) => !oldCards.has(id)),
    removed: [...oldCards.keys()].filter((id) => !nextCards.has(id)),
    changed: [...nextCards]
      .flatMap(([id, card]) => {
        const before = oldCards.get(id);
        if (!before) return [];
        const keys = new Set([...Object.keys(before), ...Object.keys(card)]);
        const fields = [...keys].filter(
          (k) => stable((before as Record<string, unknown>)[k]) !== stable((card as Record<string, unknown>)[k]),
        );
        return fields.length ? [{ id, fields }] : [];
      }),
  };
  const same =
    rules.added.length + rules.removed.length + rules.changed.length + cards.added.length + cards.removed.length + cards.changed.length === 0 &&
    old.name === next.name;
  return { rules, cards, same };
}

/** JSON with sorted keys, so field order in a file is not a change. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
