// Decoding a (standard) tree into plain JS values the way Go's json.Unmarshal into interface{}
// does — used where hujson compares values (the patch "test" operation): numbers are float64,
// duplicate names keep the last value, and a number beyond float64 fails the whole decode.
import { unquote } from './quote';
import type { Value } from './types';

export type GoJSON = null | boolean | number | string | GoJSON[] | Map<string, GoJSON>;

class Unrepresentable extends Error {}

function decode(v: Value): GoJSON {
  const t = v.value;
  if (t.type === 'object') {
    const out = new Map<string, GoJSON>();
    for (const m of t.members) out.set(m.name.value.type === 'literal' ? unquote(m.name.value.text) : '', decode(m.value));
    return out;
  }
  if (t.type === 'array') return t.elements.map(decode);
  const text = t.text;
  if (text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text[0] === '"') return unquote(text);
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Unrepresentable();
  return n;
}

/** The decoded value, or undefined when Go could not decode it (a number out of float64 range). */
export function goValue(v: Value): GoJSON | undefined {
  try {
    return decode(v);
  } catch (e) {
    if (e instanceof Unrepresentable) return undefined;
    throw e;
  }
}

function deepEqual(x: GoJSON, y: GoJSON): boolean {
  if (x === y) return true;
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((e, i) => deepEqual(e, y[i]));
  if (x instanceof Map) {
    if (!(y instanceof Map) || x.size !== y.size) return false;
    for (const [k, e] of x) if (!y.has(k) || !deepEqual(e, y.get(k)!)) return false;
    return true;
  }
  return false;
}

/**
 * Go's hujson equalValue: both values decode and are deeply equal. Like Go, a top-level null never
 * equals anything (Go's nil interface is treated as "could not decode").
 */
export function equalValues(x: Value, y: Value): boolean {
  const a = goValue(x);
  const b = goValue(y);
  return a !== undefined && b !== undefined && a !== null && b !== null && deepEqual(a, b);
}
