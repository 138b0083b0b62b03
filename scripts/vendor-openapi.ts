/**
 * `tsx scripts/vendor-openapi.ts <zendesk-openapi.yaml>`: writes tests/fixtures/zendesk/openapi.yaml, the part of
 * Zendesk's Support API OpenAPI document the extension and the replica use: the operations in PATHS and every
 * component they reference, transitively. Tests validate the replica's answers against it (tests/replica/).
 * To cover a new endpoint, add it to PATHS and run this again on Zendesk's published spec.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const PATHS = [
  '/api/v2/tickets/{ticket_id}',
  '/api/v2/tickets/show_many',
  '/api/v2/tickets/{ticket_id}/audits',
  '/api/v2/tickets/{ticket_id}/comments',
  '/api/v2/tickets/{ticket_id}/tags',
  '/api/v2/search',
  '/api/v2/users/me',
  '/api/v2/users/{user_id}',
  '/api/v2/users/show_many',
  '/api/v2/ticket_forms/{ticket_form_id}',
  '/api/v2/views',
  '/api/v2/views/{view_id}',
  '/api/v2/views/{view_id}/tickets',
  '/api/v2/views/{view_id}/count',
  '/api/v2/group_memberships',
  '/api/v2/groups',
  '/api/v2/groups/assignable',
  '/api/v2/ticket_metrics',
  '/api/v2/incremental/ticket_metric_events',
  '/api/v2/slas/policies',
];

type Node = unknown;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function refsIn(node: Node, out: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refsIn(v, out);
    }
  }
}

function main(source: string): void {
  const doc = parse(readFileSync(source, 'utf8')) as { openapi: string; info: unknown; paths: Record<string, Node>; components: Record<string, Record<string, Node>> };
  const paths: Record<string, Node> = {};
  for (const p of PATHS) {
    if (!doc.paths[p]) throw new Error(`${p} is not in ${source}`);
    paths[p] = doc.paths[p];
  }
  const components: Record<string, Record<string, Node>> = {};
  const pending = new Set<string>();
  refsIn(paths, pending);
  const seen = new Set<string>();
  while (pending.size > 0) {
    const ref = pending.values().next().value as string;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const m = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unexpected $ref ${ref}`);
    const [, kind, name] = m as unknown as [string, string, string];
    const target = doc.components[kind]?.[name];
    if (target === undefined) throw new Error(`${ref} is not in ${source}`);
    (components[kind] ??= {})[name] = target;
    refsIn(target, pending);
  }
  for (const kind of Object.keys(components)) components[kind] = Object.fromEntries(Object.entries(components[kind]!).sort(([a], [b]) => a.localeCompare(b)));
  const header = [
    '# Part of Zendesk\'s Support API OpenAPI 3.0 document (the operations listed in scripts/vendor-openapi.ts and the',
    '# components they reference), extracted by that script. Provenance: tests/fixtures/zendesk/README.md.',
    '',
  ].join('\n');
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'zendesk', 'openapi.yaml');
  writeFileSync(out, header + stringify({ openapi: doc.openapi, info: doc.info, paths, components }, { lineWidth: 0 }));
  console.log(`${Object.keys(paths).length} paths, ${seen.size} components -> ${out}`);
}

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/vendor-openapi.ts <zendesk-openapi.yaml>');
  process.exit(2);
}
main(source);
