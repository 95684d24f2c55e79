// Runs the hujson conformance vectors (test tables of Go's github.com/tailscale/hujson, re-encoded
// in tests/fixtures/conformance/hujson-vectors.json) against lib/domain/hujson. Shared by the unit
// tests and `npm run conformance:hujson`.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ByteString, HujsonError, type PartialValue, type ValueTrimmed, clone, format, isStandard, minimize, packByteString, parseByteString, patch, standardize } from '@/lib/domain/hujson';

export interface VectorText {
  text?: string | null;
  b64: string;
}
interface ParseCase { index: number; in: VectorText; wantErr?: string; wantMin?: VectorText; wantStd?: VectorText; wantValueGo?: string }
interface FormatCase { index: number; in: VectorText; want: VectorText }
interface PatchCase { index: number; in: VectorText; patch: VectorText; want?: VectorText; wantErr?: string | null }
export interface Vectors {
  parse: { cases: ParseCase[] };
  format: { cases: FormatCase[] };
  patch: { cases: PatchCase[] };
}

export type Category = 'parse' | 'format' | 'patch';
export interface CaseResult {
  category: Category;
  index: number;
  ok: boolean;
  /** Why it failed (first difference). */
  detail?: string;
  /** For cases that expect an error: whether the message equals Go's exactly. */
  errorExact?: boolean;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The vendored vectors file (origin and licence in NOTICE). */
export const VECTORS_FILE = join(repoRoot, 'tests/fixtures/conformance/hujson-vectors.json');

export const loadVectors = (path: string): Vectors => JSON.parse(readFileSync(path, 'utf8'));

const bytesOf = (t: VectorText): ByteString => Buffer.from(t.b64, 'base64').toString('latin1');
const show = (s: ByteString) => JSON.stringify(Buffer.from(s, 'latin1').toString('utf8'));

/** The AST as the Go test table writes it (wantValueGo), in a normal form for comparison. */
function quoteGo(s: ByteString): string {
  const text = Buffer.from(s, 'latin1').toString('utf8');
  return `'${text.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;
}
function dumpFields(v: PartialValue): string {
  const f: string[] = [];
  if (v.beforeExtra) f.push(`BeforeExtra : Extra ( ${quoteGo(v.beforeExtra)} )`);
  if (v.startOffset) f.push(`StartOffset : ${v.startOffset}`);
  if (v.value) f.push(`Value : ${dumpTrimmed(v.value)}`);
  if (v.endOffset) f.push(`EndOffset : ${v.endOffset}`);
  if (v.afterExtra) f.push(`AfterExtra : Extra ( ${quoteGo(v.afterExtra)} )`);
  return `{ ${f.join(' , ')} }`;
}
function dumpTrimmed(t: ValueTrimmed): string {
  if (t.type === 'literal') return `Literal ( ${quoteGo(t.text)} )`;
  const f: string[] = [];
  if (t.type === 'object' && t.members.length) {
    f.push(`Members : [ ] ObjectMember { ${t.members.map((m) => `{ Value ${dumpFields(m.name)} , Value ${dumpFields(m.value)} }`).join(' , ')} }`);
  }
  if (t.type === 'array' && t.elements.length) f.push(`Elements : [ ] Value { ${t.elements.map(dumpFields).join(' , ')} }`);
  if (t.afterExtra) f.push(`AfterExtra : Extra ( ${quoteGo(t.afterExtra)} )`);
  return `& ${t.type === 'object' ? 'Object' : 'Array'} { ${f.join(' , ')} }`;
}
/** Go composite literals may or may not end with a comma; drop those so both sides compare. */
const normalDump = (s: string) => s.replace(/\s*,\s*}/g, ' }').replace(/\{\s+\}/g, '{ }').replace(/\s+/g, ' ').trim();
export const goDump = (v: PartialValue) => normalDump(`Value ${dumpFields(v)}`);

function runParse(c: ParseCase): CaseResult {
  const r: CaseResult = { category: 'parse', index: c.index, ok: false };
  const input = bytesOf(c.in);
  let v: PartialValue;
  try {
    v = parseByteString(input);
    if (c.wantErr) return { ...r, detail: `parsed, want error ${JSON.stringify(c.wantErr)}`, errorExact: false };
  } catch (e) {
    if (!(e instanceof HujsonError)) throw e;
    if (!c.wantErr) return { ...r, detail: `unexpected error: ${e.message}` };
    r.errorExact = e.message === c.wantErr;
    if (c.wantValueGo && goDump(e.partial!) !== normalDump(c.wantValueGo)) return { ...r, detail: `partial value ${goDump(e.partial!)}, want ${normalDump(c.wantValueGo)}` };
    return { ...r, ok: true, detail: r.errorExact ? undefined : `error ${JSON.stringify(e.message)}, Go ${JSON.stringify(c.wantErr)}` };
  }
  const value = v as Parameters<typeof packByteString>[0];
  if (c.wantValueGo && goDump(value) !== normalDump(c.wantValueGo)) return { ...r, detail: `AST ${goDump(value)}, want ${normalDump(c.wantValueGo)}` };
  const packed = packByteString(value);
  if (packed !== input) return { ...r, detail: `pack ${show(packed)}, want ${show(input)}` };
  if (c.wantStd && isStandard(value) !== (input === bytesOf(c.wantStd))) return { ...r, detail: `isStandard ${isStandard(value)}` };
  if (c.wantMin) {
    const got = packByteString(minimize(clone(value)));
    if (got !== bytesOf(c.wantMin)) return { ...r, detail: `minimize ${show(got)}, want ${show(bytesOf(c.wantMin))}` };
  }
  if (c.wantStd) {
    const got = packByteString(standardize(clone(value)));
    if (got !== bytesOf(c.wantStd)) return { ...r, detail: `standardize ${show(got)}, want ${show(bytesOf(c.wantStd))}` };
  }
  return { ...r, ok: true };
}

function runFormat(c: FormatCase): CaseResult {
  const r: CaseResult = { category: 'format', index: c.index, ok: false };
  const want = bytesOf(c.want).replace(/^\n/, '') + '\n';
  try {
    const got = packByteString(format(parseByteString(bytesOf(c.in))));
    return got === want ? { ...r, ok: true } : { ...r, detail: `format ${show(got)}, want ${show(want)}` };
  } catch (e) {
    return { ...r, detail: `error: ${(e as Error).message}` };
  }
}

function runPatch(c: PatchCase): CaseResult {
  const r: CaseResult = { category: 'patch', index: c.index, ok: false };
  let doc;
  try {
    doc = parseByteString(bytesOf(c.in));
  } catch (e) {
    return { ...r, detail: `input does not parse: ${(e as Error).message}` };
  }
  let err: string | undefined;
  try {
    patch(doc, Buffer.from(c.patch.b64, 'base64'));
  } catch (e) {
    if (!(e instanceof HujsonError)) throw e;
    err = e.message;
  }
  if (c.wantErr && err === undefined) return { ...r, detail: `no error, want ${JSON.stringify(c.wantErr)}`, errorExact: false };
  if (!c.wantErr && err !== undefined) return { ...r, detail: `unexpected error ${JSON.stringify(err)}` };
  if (c.wantErr) r.errorExact = err === c.wantErr;
  if (c.want && c.want.b64) {
    const got = packByteString(doc);
    if (got !== bytesOf(c.want)) return { ...r, detail: `patched ${show(got)}, want ${show(bytesOf(c.want))}` };
  }
  return { ...r, ok: true, detail: c.wantErr && !r.errorExact ? `error ${JSON.stringify(err)}, Go ${JSON.stringify(c.wantErr)}` : undefined };
}

export function runVectors(v: Vectors): CaseResult[] {
  return [...v.parse.cases.map(runParse), ...v.format.cases.map(runFormat), ...v.patch.cases.map(runPatch)];
}
