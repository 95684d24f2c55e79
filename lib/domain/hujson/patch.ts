// JSON Patch (RFC 6902) on a HuJSON tree, with Go hujson's behaviour and error messages: the patch
// document may itself be HuJSON, comments around an inserted value come along, and untouched parts
// keep their comments and layout. Like Go, the target is changed in place and may be left partly
// patched when an operation fails (patchText works on a copy).
import { literalText, goQuote, stringLiteral } from './quote';
import { copyAt, insertAt, removeAt, replaceAt, valueComments } from './comments';
import { NOT_FOUND, resolve } from './find';
import { packText, updateOffsets } from './pack';
import { parse } from './parse';
import { HujsonError, type Value, kindOf, literal, newValue } from './types';
import { equalValues } from './value';

type OpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
const OPS = new Set<string>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

interface Operation {
  op: OpName;
  path: string;
  from: string;
  value: Value;
}

const opError = (i: number, message: string) => new HujsonError(`hujson: patch operation ${i}: ${message}`);

function parseOperations(patch: string | Uint8Array): Operation[] {
  const doc = parse(patch);
  if (doc.value.type !== 'array') throw new HujsonError('hujson: patch must be a JSON array');
  return doc.value.elements.map((e, i) => {
    const obj = e.value;
    if (obj.type !== 'object') throw opError(i, 'must be a JSON object');
    const seen = new Set<string>();
    const op: Partial<Operation> = { path: '', from: '' };
    obj.members.forEach((m, j) => {
      const name = literalText((m.name.value as { text: string }).text);
      if (seen.has(name)) throw opError(i, `duplicate name ${goQuote(name)}`);
      seen.add(name);
      if (name === 'op' || name === 'path' || name === 'from') {
        if (kindOf(m.value.value) !== '"') throw opError(i, `member ${goQuote(name)} must be a JSON string`);
        const text = literalText((m.value.value as { text: string }).text);
        if (name === 'op') {
          if (!OPS.has(text)) throw opError(i, `unknown operation ${goQuote(text)}`);
          op.op = text as OpName;
        } else op[name] = text;
      } else if (name === 'value') {
        // Comments above the "value" member and after it on its line travel with the value.
        op.value = { ...m.value, ...valueComments(obj, j) };
      }
    });
    const missing = (member: string) => opError(i, `missing required member ${goQuote(member)}`);
    if (!seen.has('op')) throw missing('op');
    if (!seen.has('path')) throw missing('path');
    if (!seen.has('from') && (op.op === 'move' || op.op === 'copy')) throw missing('from');
    if (!seen.has('value') && (op.op === 'add' || op.op === 'replace' || op.op === 'test')) throw missing('value');
    return op as Operation;
  });
}

function add(doc: Value, i: number, path: string, value: Value): void {
  const s = resolve(doc, path);
  // A missing last token is where the value goes; anything else is an error.
  if (s.error && (s.error !== NOT_FOUND || s.offset !== path.length)) throw opError(i, s.error);
  if (!s.parent) {
    Object.assign(doc, value); // replaces the root
    return;
  }
  if (s.parent.type === 'object' && s.idx < s.parent.members.length) replaceAt(s.parent, s.idx, value);
  else if (s.parent.type === 'object') insertAt(s.parent, s.idx, value, newValue(literal(stringLiteral(s.name))));
  else insertAt(s.parent, s.idx, value);
}

/** segment-wise prefix: "/a" is a prefix of "/a/b" but not of "/ab". */
const hasPathPrefix = (s: string, prefix: string) => s.startsWith(prefix) && (s.length === prefix.length || s[prefix.length] === '/');

function apply(doc: Value, i: number, op: Operation): void {
  switch (op.op) {
    case 'add':
      return add(doc, i, op.path, op.value);
    case 'remove':
    case 'replace': {
      const s = resolve(doc, op.path);
      if (s.error) throw opError(i, s.error);
      if (!s.parent) throw opError(i, `cannot ${op.op} root value`);
      if (op.op === 'remove') removeAt(s.parent, s.idx);
      else replaceAt(s.parent, s.idx, op.value);
      return;
    }
    case 'move':
    case 'copy': {
      if (op.from === '' || (op.op === 'move' && hasPathPrefix(op.path, op.from))) {
        throw opError(i, `cannot ${op.op} ${goQuote(op.from)} into ${goQuote(op.path)}`);
      }
      const s = resolve(doc, op.from);
      if (s.error) throw opError(i, s.error);
      const value = op.op === 'move' ? removeAt(s.parent!, s.idx) : copyAt(s.parent!, s.idx);
      return add(doc, i, op.path, value);
    }
    case 'test': {
      const s = resolve(doc, op.path);
      if (s.error) throw opError(i, s.error);
      if (!equalValues(s.value!, op.value)) throw opError(i, `values differ at ${goQuote(op.path)}`);
      return;
    }
  }
}

/**
 * Applies a JSON Patch (RFC 6902: add, remove, replace, move, copy, test) to doc in place. Throws a
 * HujsonError with Go's message ("hujson: patch operation 0: value not found"). Like Go, it does not
 * reformat; call format() afterwards for a tidy document.
 */
export function patch(doc: Value, patchDoc: string | Uint8Array): Value {
  const ops = parseOperations(patchDoc);
  try {
    ops.forEach((op, i) => apply(doc, i, op));
  } finally {
    updateOffsets(doc);
  }
  return doc;
}

/** Patches a HuJSON text and returns the new text; the input is left untouched on failure. */
export function patchText(text: string | Uint8Array, patchDoc: string | Uint8Array): string {
  return packText(patch(parse(text), patchDoc));
}
