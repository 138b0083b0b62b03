/**
 * Turns the Zendesk OpenAPI 3.0 document into ajv validators for response bodies.
 * OpenAPI 3.0 schemas are not JSON Schema: `nullable` becomes a type union, `$ref`s point into one
 * registered document, and doc-only keywords are dropped. Zendesk's spec under-declares nullability
 * (real responses carry `priority: null`, `assignee_id: null`...), so the caller passes the fields that
 * real captures show as null; nothing else may be null.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const ROOT_ID = 'zendesk-openapi';
const DOC_ONLY = new Set(['nullable', 'readOnly', 'writeOnly', 'example', 'examples', 'description', 'xml', 'discriminator', 'deprecated', 'externalDocs', 'title']);

type Json = unknown;
interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
  components: { schemas: Record<string, Json> };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function convert(node: Json, nullableProps: ReadonlySet<string> | undefined): Json {
  if (Array.isArray(node)) return node.map((n) => convert(n, undefined));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (DOC_ONLY.has(k) || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string') out[k] = v.replace('#/components/schemas/', `${ROOT_ID}#/$defs/`);
    else if (k === 'properties' && isObject(v)) {
      const props: Record<string, unknown> = {};
      for (const [name, schema] of Object.entries(v)) {
        const converted = convert(schema, undefined);
        props[name] = nullableProps?.has(name) ? { anyOf: [{ type: 'null' }, converted] } : converted;
      }
      out[k] = props;
    } else if (k === 'format' && v === 'datetime') out[k] = 'date-time';
    else out[k] = convert(v, undefined);
  }
  if (node['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    if (out['type'] === undefined) return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

export interface SpecValidators {
  /** Validator for a named component schema. */
  component(name: string): ValidateFunction;
  /** Validator for the JSON response of an operation, e.g. ('/api/v2/tickets/{ticket_id}', 'get', '200'). */
  response(path: string, method: string, status: string): ValidateFunction;
}

export function loadSpec(file: string, nullable: Record<string, ReadonlySet<string>>): SpecValidators {
  const doc = parse(readFileSync(file, 'utf8')) as OpenApiDoc;
  const defs: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) defs[name] = convert(schema, nullable[name]);
  const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT_ID, $defs: defs });
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: () => Json): ValidateFunction => {
    let v = cache.get(key);
    if (!v) {
      v = ajv.compile(schema() as object);
      cache.set(key, v);
    }
    return v;
  };
  return {
    component: (name) => compile(`c:${name}`, () => ({ $ref: `${ROOT_ID}#/$defs/${name}` })),
    response: (path, method, status) =>
      compile(`r:${method}:${path}:${status}`, () => {
        const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
        if (schema === undefined) throw new Error(`the spec models no JSON ${status} for ${method.toUpperCase()} ${path}`);
        return convert(schema, undefined);
      }),
  };
}

/** Keys whose value is null in any of the given real objects: the nullability Zendesk actually uses. */
export function nullKeys(objects: readonly unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const o of objects) if (isObject(o)) for (const [k, v] of Object.entries(o)) if (v === null) keys.add(k);
  return keys;
}

export function errorsText(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
}
