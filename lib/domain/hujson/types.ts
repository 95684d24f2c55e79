// The lossless HuJSON syntax tree, mirroring Go's github.com/tailscale/hujson types: every value
// keeps the whitespace and comments around it ("extra"), so packing the tree gives back the input
// byte for byte. Extra and literal text are byte strings (see bytes.ts).
import type { ByteString } from './bytes';

/** Whitespace and comments, verbatim. */
export type Extra = ByteString;

/** A JSON null, boolean, number or string, exactly as written (strings keep their quotes). */
export interface Literal {
  type: 'literal';
  text: ByteString;
}

export interface ObjectMember {
  name: Value;
  value: Value;
}

export interface HuObject {
  type: 'object';
  members: ObjectMember[];
  /** Extra after the opening brace or the last comma, before the closing brace. */
  afterExtra: Extra;
}

export interface HuArray {
  type: 'array';
  elements: Value[];
  /** Extra after the opening bracket or the last comma, before the closing bracket. */
  afterExtra: Extra;
}

export type Composite = HuObject | HuArray;
export type ValueTrimmed = Literal | Composite;

export interface Value {
  /** Extra before the value (after the preceding brace, bracket, colon, comma or start of input). */
  beforeExtra: Extra;
  /** Byte offset of the value's first byte. */
  startOffset: number;
  value: ValueTrimmed;
  /** Byte offset just after the value. */
  endOffset: number;
  /**
   * Extra after the value, before the next colon, comma or end of input. On the last value of an
   * object or array, a non-null afterExtra (even '') means a trailing comma follows it — the same
   * nil-versus-empty rule as Go's hujson.
   */
  afterExtra: Extra | null;
}

/** A value of a failed parse: filled as far as the parser got (value may be missing). */
export type PartialValue = Omit<Value, 'value'> & { value: ValueTrimmed | null };

/** Kind as in Go: 'n' null, 't' true, 'f' false, '"' string, '0' number, '{' object, '[' array. */
export type Kind = 'n' | 't' | 'f' | '"' | '0' | '{' | '[' | '';

export function kindOf(v: ValueTrimmed | null): Kind {
  if (!v) return '';
  if (v.type === 'object') return '{';
  if (v.type === 'array') return '[';
  const c = v.text[0];
  if (c === 'n' || c === 't' || c === 'f' || c === '"') return c;
  return c === '-' || (c >= '0' && c <= '9') ? '0' : '';
}

/** An error with Go's wording: "hujson: line L, column C: ..." for syntax errors. */
export class HujsonError extends Error {
  constructor(
    message: string,
    /** 1-based line and byte column of a syntax error. */
    readonly line?: number,
    readonly column?: number,
    /** Byte offset of a syntax error. */
    readonly offset?: number,
    /** What the parser had built when it failed (Go returns it alongside the error). */
    readonly partial?: PartialValue,
  ) {
    super(message);
    this.name = 'HujsonError';
  }
}

export const literal = (text: ByteString): Literal => ({ type: 'literal', text });

export const newValue = (value: ValueTrimmed): Value => ({ beforeExtra: '', startOffset: 0, value, endOffset: 0, afterExtra: null });

export const lengthOf = (c: Composite): number => (c.type === 'object' ? c.members.length : c.elements.length);

export function lastValue(c: Composite): Value | undefined {
  return c.type === 'object' ? c.members[c.members.length - 1]?.value : c.elements[c.elements.length - 1];
}

/** Names and values (objects) or elements (arrays), in document order. */
export function childValues(c: Composite): Value[] {
  if (c.type === 'array') return c.elements;
  const out: Value[] = [];
  for (const m of c.members) out.push(m.name, m.value);
  return out;
}

/** The extra before the i-th member/element, or the composite's afterExtra when i is past the end. */
export function beforeExtraAt(c: Composite, i: number): Extra {
  if (c.type === 'object') return i < c.members.length ? c.members[i].name.beforeExtra : c.afterExtra;
  return i < c.elements.length ? c.elements[i].beforeExtra : c.afterExtra;
}

export function setBeforeExtraAt(c: Composite, i: number, extra: Extra): void {
  if (c.type === 'object') {
    if (i < c.members.length) c.members[i].name.beforeExtra = extra;
    else c.afterExtra = extra;
  } else if (i < c.elements.length) c.elements[i].beforeExtra = extra;
  else c.afterExtra = extra;
}

export function hasTrailingComma(c: Composite): boolean {
  const last = lastValue(c);
  return last !== undefined && last.afterExtra !== null;
}

/** Adds or removes the trailing comma; removing moves the last value's afterExtra into the composite. */
export function setTrailingComma(c: Composite, on: boolean): void {
  const last = lastValue(c);
  if (!last) return;
  if (on && last.afterExtra === null) last.afterExtra = '';
  else if (!on && last.afterExtra !== null) {
    c.afterExtra = last.afterExtra + c.afterExtra;
    last.afterExtra = null;
  }
}
