// Validates response bodies against the vendors' official OpenAPI specs vendored in tests/fixtures/specs
// (origin and licence in NOTICE).
// A test fails on any mismatch: missing required fields, wrong types, unknown enum values.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { ROOT } from "./server";

type Json = Record<string, unknown>;

export const SPECS_DIR = join(ROOT, 'tests/fixtures/specs');

export class OpenApi {
  readonly doc: Json;
  private ajv: InstanceType<typeof Ajv2020>;

  constructor(file: string, errata?: (doc: Json) => void) {
    const path = join(SPECS_DIR, file);
    if (!existsSync(path)) throw new Error(`spec not found: ${path}`);
    this.doc = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 }) as Json;
    errata?.(this.doc);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's own keywords that are not JSON Schema.
    for (const k of ['example', 'x-experimental', 'x-cloud-only', 'discriminator', 'xml', 'externalDocs']) this.ajv.addKeyword(k);
    this.ajv.addFormat('cidr', true);
    this.ajv.addSchema({ components: this.doc.components, $id: 'spec' } as Json);
  }

  private templates?: { template: string; re: RegExp; params: number }[];

  /** The spec's path template for a concrete path (already stripped of any base path). */
  templateFor(path: string): string | undefined {
    this.templates ??= Object.keys(this.doc.paths as object).map((t) => ({
      template: t,
      re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
      params: (t.match(/\{/g) ?? []).length,
    }));
    const p = path.split('?')[0];
    return this.templates.filter((t) => t.re.test(p)).sort((a, b) => a.params - b.params)[0]?.template;
  }

  /** The response schema for a path template (e.g. "/api/users/current"), method and status. */
  responseSchema(path: string, method: string, status: number): Json | undefined {
    const op = ((this.doc.paths as Json)[path] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
    if (!op) throw new Error(`spec has no ${method.toUpperCase()} ${path}`);
    const responses = op.responses as Json;
    const res = (responses[String(status)] ?? responses.default) as Json | undefined;
    if (!res) throw new Error(`spec has no ${status} response for ${method.toUpperCase()} ${path}`);
    const content = res.content as Json | undefined;
    const media = (content?.['application/json'] ?? content?.['application/hujson'] ?? Object.values(content ?? {})[0]) as Json | undefined;
    return media?.schema as Json | undefined;
  }

  /** Throws with the list of problems when `body` does not match the documented response. */
  check(path: string, method: string, status: number, body: unknown): void {
    const schema = this.responseSchema(path, method, status);
    if (!schema) return;
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"spec#/components/'));
    const validate = this.ajv.compile(rewritten);
    if (!validate(body)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new Error(`${method.toUpperCase()} ${path} ${status}: response does not match the spec: ${problems}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }

  /** Throws with the list of problems when `body` does not match the named component schema (e.g. a request body). */
  checkSchema(name: string, body: unknown): void {
    const validate = this.ajv.getSchema(`spec#/components/schemas/${name}`);
    if (!validate) throw new Error(`spec has no schema ${name}`);
    if (!validate(body)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new Error(`${name}: body does not match the spec: ${problems}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}

/**
 * Erratum in NetBird's spec: `ResourceType` is `allOf: [NetworkResourceType (host|subnet|domain),
 * {enum: [peer]}]`, an intersection no value satisfies, so every Group with resources and every
 * policy rule with a source/destination resource would fail. NetBird means "one of" (its own
 * examples answer `"type": "host"`), so it is read as `anyOf` of the same parts; values stay
 * checked against host|subnet|domain|peer.
 */
function netbirdErrata(doc: Json) {
  const rt = (doc.components as { schemas: Record<string, Json> }).schemas.ResourceType;
  if (rt?.allOf) {
    rt.anyOf = rt.allOf;
    delete rt.allOf;
  }
}

let netbirdSpec: OpenApi | undefined;
export const netbirdApi = () => (netbirdSpec ??= new OpenApi('netbird-management.openapi.yml', netbirdErrata));
