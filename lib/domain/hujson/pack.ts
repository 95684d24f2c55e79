// Serializing the tree (byte for byte), offsets, deep copies, and the two ways of turning HuJSON
// into standard JSON: Minimize (drop all extra) and Standardize (blank out comments and trailing
// commas so that line numbers and byte offsets stay the same).
import { type ByteString, byteStringToBytes, byteStringToText, whitespaceLength } from './bytes';
import { type Composite, type Extra, type Value, type ValueTrimmed, childValues, hasTrailingComma, lastValue, setTrailingComma } from './types';

function append(v: Value, out: string[]): void {
  if (v.beforeExtra) out.push(v.beforeExtra);
  const t = v.value;
  if (t.type === 'literal') {
    out.push(t.text);
  } else if (t.type === 'object') {
    out.push('{');
    const ms = t.members;
    for (let i = 0; i < ms.length; i++) {
      append(ms[i].name, out);
      out.push(':');
      append(ms[i].value, out);
      if (i < ms.length - 1 || ms[i].value.afterExtra !== null) out.push(',');
    }
    out.push(t.afterExtra, '}');
  } else {
    out.push('[');
    const es = t.elements;
    for (let i = 0; i < es.length; i++) {
      append(es[i], out);
      if (i < es.length - 1 || es[i].afterExtra !== null) out.push(',');
    }
    out.push(t.afterExtra, ']');
  }
  if (v.afterExtra) out.push(v.afterExtra);
}

/** The value serialized as a byte string. */
export function packByteString(v: Value): ByteString {
  const out: string[] = [];
  append(v, out);
  return out.join('');
}

/** Serializes the value as HuJSON bytes; an unmodified parse result gives back its input exactly. */
export function pack(v: Value): Uint8Array {
  return byteStringToBytes(packByteString(v));
}

/** The packed value as text (Go's Value.String); invalid UTF-8 shows as U+FFFD. */
export function packText(v: Value): string {
  return byteStringToText(packByteString(v));
}

function offsets(v: Value, n: number): number {
  n += v.beforeExtra.length;
  v.startOffset = n;
  const t = v.value;
  if (t.type === 'literal') {
    n += t.text.length;
  } else {
    n++;
    const children = t.type === 'object' ? t.members : t.elements;
    for (const c of children) {
      if ('name' in c) n = offsets(c.value, offsets(c.name, n) + 1);
      else n = offsets(c, n);
      n++;
    }
    if (children.length > 0 && !hasTrailingComma(t)) n--;
    n += t.afterExtra.length + 1;
  }
  v.endOffset = n;
  return n + (v.afterExtra?.length ?? 0);
}

/** Recomputes every startOffset/endOffset after the tree was changed. */
export function updateOffsets(v: Value): Value {
  offsets(v, 0);
  return v;
}

export function cloneTrimmed(t: ValueTrimmed): ValueTrimmed {
  if (t.type === 'literal') return { type: 'literal', text: t.text };
  if (t.type === 'object') return { type: 'object', members: t.members.map((m) => ({ name: clone(m.name), value: clone(m.value) })), afterExtra: t.afterExtra };
  return { type: 'array', elements: t.elements.map(clone), afterExtra: t.afterExtra };
}

/** A deep copy; the mutating operations below change their argument in place, as in Go. */
export function clone(v: Value): Value {
  return { beforeExtra: v.beforeExtra, startOffset: v.startOffset, value: cloneTrimmed(v.value), endOffset: v.endOffset, afterExtra: v.afterExtra };
}

const isStandardExtra = (e: Extra | null): boolean => e === null || whitespaceLength(e) === e.length;

/** Whether the value is standard JSON (no comments, no trailing commas). */
export function isStandard(v: Value): boolean {
  if (!isStandardExtra(v.beforeExtra) || !isStandardExtra(v.afterExtra)) return false;
  const t = v.value;
  if (t.type === 'literal') return true;
  if (hasTrailingComma(t) || !isStandardExtra(t.afterExtra)) return false;
  return childValues(t).every(isStandard);
}

function minimizeValue(v: Value): void {
  v.beforeExtra = '';
  const t = v.value;
  if (t.type !== 'literal') {
    childValues(t).forEach(minimizeValue);
    setTrailingComma(t, false);
    t.afterExtra = '';
  }
  v.afterExtra = null;
}

/** Removes all whitespace, comments and trailing commas (in place). */
export function minimize(v: Value): Value {
  minimizeValue(v);
  return updateOffsets(v);
}

/** Every byte of a comment becomes a space; whitespace (and so every line break) is kept. */
export function standardizeExtra(e: Extra): Extra {
  if (whitespaceLength(e) === e.length) return e;
  return e.replace(/[^ \t\r\n]/g, ' ');
}

function standardizeValue(v: Value): void {
  v.beforeExtra = standardizeExtra(v.beforeExtra);
  const t = v.value;
  if (t.type !== 'literal') standardizeComposite(t);
  if (v.afterExtra !== null) v.afterExtra = standardizeExtra(v.afterExtra);
}

function standardizeComposite(t: Composite): void {
  childValues(t).forEach(standardizeValue);
  const last = lastValue(t);
  if (last && last.afterExtra !== null) {
    // The trailing comma becomes a space.
    t.afterExtra = last.afterExtra + ' ' + t.afterExtra;
    last.afterExtra = null;
  }
  t.afterExtra = standardizeExtra(t.afterExtra);
}

/**
 * Makes the value standard JSON in place: comments and trailing commas become spaces, so line
 * numbers and byte offsets are unchanged.
 */
export function standardize(v: Value): Value {
  standardizeValue(v);
  return updateOffsets(v);
}
