/**
 * Importing and exporting a team playbook on the options page (issue 4, "Team playbooks"): parse a JSON or YAML
 * file, show what it would change before anything is saved, and write the current playbook back out.
 *
 * This module brings in the `yaml` library; only the options page imports it (the guidance content script reads the
 * saved result through ./storage, which needs no parser).
 */
import { stringify } from 'yaml';
import { diffPlaybooks, parsePlaybook, type PlaybookDiff } from '../guidance/playbook-file';
import type { Playbook, PlaybookError } from '../guidance/playbook-schema';
import { effectivePlaybook, extendPlaybook, overriddenIds, type TeamPlaybook } from './storage';

export type PlaybookFormat = 'json' | 'yaml';
export type ImportMode = 'replace' | 'extend';

export interface ImportRequest {
  text: string;
  format: PlaybookFormat;
  mode: ImportMode;
  /** The chosen file's name, or "" for pasted text. */
  fileName: string;
}

/** What applying an import would do: shown before anything is saved. */
export interface PlaybookPreview {
  mode: ImportMode;
  fileName: string;
  /** The playbook's name as the panel would use it. */
  name: string;
  /** From the playbook in use now to the one after applying. */
  diff: PlaybookDiff;
  /** When extending: the team's rules and cards that replace the default's of the same id. */
  overridden: { rules: string[]; cards: string[] };
  /** What Apply saves. */
  team: Extract<TeamPlaybook, { mode: ImportMode }>;
}

export type ImportOutcome = { ok: false; errors: PlaybookError[] } | { ok: true; preview: PlaybookPreview };

/** The format a file name says, or null when it says neither. */
export function formatOfFileName(name: string): PlaybookFormat | null {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return null;
}

/**
 * Parses an import and, when valid, previews it against the playbook in use (`current` over `base`). Nothing is
 * saved here: an invalid file gives its errors (with lines) and leaves the valid playbook alone.
 */
export function previewImport(request: ImportRequest, current: TeamPlaybook, base: Playbook, now: number): ImportOutcome {
  if (request.text.trim() === '') return { ok: false, errors: [{ path: '', line: null, message: 'nothing to import: choose a file or paste a playbook' }] };
  const parsed = parsePlaybook(request.text, request.format);
  if (!parsed.ok) return parsed;
  const team = { mode: request.mode, playbook: parsed.playbook, importedAt: now, fileName: request.fileName || `pasted ${request.format.toUpperCase()}` };
  const next = request.mode === 'extend' ? extendPlaybook(base, parsed.playbook) : parsed.playbook;
  return {
    ok: true,
    preview: {
      mode: request.mode,
      fileName: team.fileName,
      name: next.name,
      diff: diffPlaybooks(effectivePlaybook(current, base), next),
      overridden: request.mode === 'extend' ? overriddenIds(base, parsed.playbook) : { rules: [], cards: [] },
      team,
    },
  };
}

/** The playbook as a file: YAML (block style, readable) or JSON (two-space indent), both parsing back to it. */
export function exportPlaybook(playbook: Playbook, format: PlaybookFormat): { text: string; fileName: string; mime: string } {
  const slug = playbook.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'playbook';
  return format === 'json'
    ? { text: `${JSON.stringify(playbook, null, 2)}\n`, fileName: `${slug}.json`, mime: 'application/json' }
    : { text: stringify(playbook, { lineWidth: 0 }), fileName: `${slug}.yaml`, mime: 'application/yaml' };
}
