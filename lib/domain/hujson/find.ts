// JSON pointers (RFC 6901) over the tree, as Go's hujson resolves them (first matching member of
// an object wins; names compare exactly), and line numbers for values.
import { type ByteString, textToByteString } from './bytes';
import { packByteString, updateOffsets } from './pack';
import { unquote } from './quote';
import type { Composite, Value } from './types';

export const NOT_FOUND = 'value not found';
const MAX_UINT64 = 2n ** 64n - 1n;

export interface FindState {
  /** The composite holding the value; undefined for the root pointer. */
  parent?: Composite;
  /** The last reference token, unescaped. */
  name: string;
  /** Index into parent (its length when the last token was not found). */
  idx: number;
  value?: Value;
  /** How much of the pointer was resolved. */
  offset: number;
  error?: string;
}

/** Literal.equalString: raw comparison when there are no escapes, else compare decoded text. */
function nameEquals(raw: ByteString, name: string): boolean {
  if (raw.indexOf('\\') < 0) return raw.slice(1, -1) === textToByteString(name);
  return unquote(raw) === name;
}

/** Resolves a pointer; on failure `error` is Go's message and the state shows how far it got. */
export function resolve(root: Value, pointer: string): FindState {
  const s: FindState = { name: '', idx: 0, offset: 0 };
  let v = root;
  for (;;) {
    s.value = v;
    if (s.offset === pointer.length) return s;
    const t = v.value;
    if (t.type === 'literal') return { ...s, error: `invalid pointer: cannot index into literal at ${pointer.slice(0, s.offset)}` };
    s.parent = undefined;
    s.idx = 0;
    s.name = '';
    if (pointer[s.offset] !== '/') return { ...s, error: 'invalid pointer: lacks a forward slash prefix' };
    const slash = pointer.indexOf('/', s.offset + 1);
    const end = slash < 0 ? pointer.length : slash;
    let name = pointer.slice(s.offset + 1, end);
    if (name.includes('~')) name = name.replaceAll('~1', '/').replaceAll('~0', '~');
    s.offset = end;
    s.parent = t;
    s.name = name;
    s.idx = t.type === 'object' ? t.members.length : t.elements.length;
    s.value = undefined;
    if (t.type === 'object') {
      const i = t.members.findIndex((m) => m.name.value.type === 'literal' && nameEquals(m.name.value.text, name));
      if (i < 0) return { ...s, error: NOT_FOUND };
      s.idx = i;
      v = t.members[i].value;
    } else {
      if (name === '-') return { ...s, error: NOT_FOUND };
      // strconv.ParseUint(name, 10, 0): digits only (leading zeros allowed), at most 2⁶⁴−1.
      const big = /^[0-9]+$/.test(name) ? BigInt(name) : -1n;
      if (big < 0n || big > MAX_UINT64 || (big === 0n && name !== '0')) return { ...s, error: `invalid array index: ${name}` };
      if (big >= BigInt(t.elements.length)) return { ...s, error: NOT_FOUND };
      s.idx = Number(big);
      v = t.elements[s.idx];
    }
  }
}

/** The value at a JSON pointer ("" is the root), or undefined. */
export function find(root: Value, pointer: string): Value | undefined {
  const s = resolve(root, pointer);
  return s.error ? undefined : s.value;
}

/**
 * A function giving the 1-based line on which the value at a JSON pointer starts (for an object
 * member, its value), or undefined when the pointer does not resolve. It packs the document once,
 * so one locator serves many lookups; build a new one after changing the tree.
 */
export function lineLocator(root: Value): (pointer: string) => number | undefined {
  updateOffsets(root);
  const text = packByteString(root);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (pointer) => {
    const v = find(root, pointer);
    if (!v) return undefined;
    // The last line start at or before the value's offset.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= v.startOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The 1-based line on which the value at a JSON pointer starts (see lineLocator). */
export function lineOfPath(root: Value, pointer: string): number | undefined {
  return lineLocator(root)(pointer);
}
