// The HuJSON parser: a port of the behaviour of Go's hujson.Parse. It builds the lossless tree,
// reports errors with Go's exact wording and position (line, byte column), and — like Go — keeps the
// partially built value of a failed parse on the error.
import { type ByteString, byteStringToText, lineColumn, toByteString, validUTF8 } from './bytes';
import { isValidLiteral, quoteCharAt } from './quote';
import {
  type HuArray,
  type HuObject,
  HujsonError,
  type PartialValue,
  type Value,
  type ValueTrimmed,
  kindOf,
  literal,
  setTrailingComma,
} from './types';

/**
 * Go's parser has no nesting limit (Go's stacks grow); JavaScript's do not, so meshdeck rejects
 * objects and arrays nested deeper than this with "exceeded max depth" instead of overflowing the
 * stack in a later step (format and patch recurse too). Real policy files nest about 5 levels.
 */
export const MAX_DEPTH = 1000;

const CR = 0x0d, LF = 0x0a, TAB = 0x09, SPACE = 0x20, SLASH = 0x2f, STAR = 0x2a;

function isLiteralByte(c: number): boolean {
  return c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

class Parser {
  n = 0;
  err: string | null = null;
  errAt = 0;
  /** Set when a value position held the closing brace/bracket its caller was waiting for. */
  closed = false;
  depth = 0;

  constructor(readonly s: ByteString) {}

  fail(message: string, at: number): void {
    this.err = message;
    this.errAt = at;
    this.n = at;
  }

  /** A value with its surrounding extra. `closer` is the bracket that may end the enclosing composite here. */
  parseNext(closer: number): PartialValue {
    const s = this.s;
    const n0 = this.n;
    const v: PartialValue = { beforeExtra: '', startOffset: 0, value: null, endOffset: 0, afterExtra: null };
    if (!this.consumeExtra()) return v;
    if (this.n > n0) v.beforeExtra = s.slice(n0, this.n);
    v.startOffset = this.n;
    v.value = this.parseTrimmed(closer);
    if (this.err || this.closed) return v;
    v.endOffset = this.n;
    if (!this.consumeExtra()) return v;
    if (this.n > v.endOffset) v.afterExtra = s.slice(v.endOffset, this.n);
    return v;
  }

  parseTrimmed(closer: number): ValueTrimmed | null {
    const s = this.s;
    const n = this.n;
    if (n === s.length) {
      this.fail('parsing value: unexpected EOF', n);
      return null;
    }
    const c = s.charCodeAt(n);
    switch (c) {
      case 0x7b: // {
        return this.parseObject();
      case 0x5b: // [
        return this.parseArray();
      case 0x7d: // }
      case 0x5d: // ]
        if (c === closer) this.closed = true;
        else this.fail(`invalid character '${s[n]}' at start of value`, n);
        return null;
      case 0x22: // "
        return this.parseString();
    }
    let end = n;
    while (end < s.length && isLiteralByte(s.charCodeAt(end))) end++;
    if (end === n) {
      this.fail(`invalid character ${quoteCharAt(s, n)} at start of value`, n);
      return null;
    }
    if (!isValidLiteral(s, n, end)) {
      this.fail(`invalid literal: ${s.slice(n, end)}`, n);
      return null;
    }
    this.n = end;
    return literal(s.slice(n, end));
  }

  parseString(): ValueTrimmed | null {
    const s = this.s;
    const n0 = this.n;
    let n = n0 + 1;
    for (;;) {
      if (n >= s.length) {
        this.fail('parsing string: unexpected EOF', s.length);
        return null;
      }
      const c = s.charCodeAt(n);
      if (c === 0x5c) n++; // the escaped byte is skipped whatever it is
      else if (c === 0x22) break;
      n++;
    }
    n++;
    if (!isValidLiteral(s, n0, n)) {
      this.fail(`invalid literal: ${byteStringToText(s.slice(n0, n))}`, n0);
      return null;
    }
    this.n = n;
    return literal(s.slice(n0, n));
  }

  enter(): boolean {
    if (++this.depth > MAX_DEPTH) {
      this.fail('exceeded max depth', this.n);
      return false;
    }
    return true;
  }

  parseObject(): HuObject {
    const s = this.s;
    const obj: HuObject = { type: 'object', members: [], afterExtra: '' };
    if (!this.enter()) return obj;
    this.n++;
    for (;;) {
      const name = this.parseNext(0x7d);
      if (this.err) return obj;
      if (this.closed) {
        this.closed = false;
        setTrailingComma(obj, obj.members.length > 0);
        obj.afterExtra = name.beforeExtra;
        this.n++;
        this.depth--;
        return obj;
      }
      if (kindOf(name.value) !== '"') {
        this.fail(`invalid character ${quoteCharAt(s, name.startOffset)} at start of object name`, name.startOffset);
        return obj;
      }
      if (this.n === s.length) {
        this.fail('parsing object after name: unexpected EOF', this.n);
        return obj;
      }
      if (s.charCodeAt(this.n) !== 0x3a) {
        this.fail(`invalid character ${quoteCharAt(s, this.n)} after object name`, this.n);
        return obj;
      }
      this.n++;
      const value = this.parseNext(0);
      if (this.err) return obj;
      obj.members.push({ name: name as Value, value: value as Value });
      if (this.n === s.length) {
        this.fail('parsing object after value: unexpected EOF', this.n);
        return obj;
      }
      const c = s.charCodeAt(this.n);
      if (c === 0x2c) {
        this.n++;
      } else if (c === 0x7d) {
        // The extra after the last value belongs to the object when there is no trailing comma.
        obj.afterExtra = value.afterExtra ?? '';
        value.afterExtra = null;
        this.n++;
        this.depth--;
        return obj;
      } else {
        this.fail(`invalid character ${quoteCharAt(s, this.n)} after object value (expecting ',' or '}')`, this.n);
        return obj;
      }
    }
  }

  parseArray(): HuArray {
    const s = this.s;
    const arr: HuArray = { type: 'array', elements: [], afterExtra: '' };
    if (!this.enter()) return arr;
    this.n++;
    for (;;) {
      const v = this.parseNext(0x5d);
      if (this.err) return arr;
      if (this.closed) {
        this.closed = false;
        setTrailingComma(arr, arr.elements.length > 0);
        arr.afterExtra = v.beforeExtra;
        this.n++;
        this.depth--;
        return arr;
      }
      arr.elements.push(v as Value);
      if (this.n === s.length) {
        this.fail('parsing array after value: unexpected EOF', this.n);
        return arr;
      }
      const c = s.charCodeAt(this.n);
      if (c === 0x2c) {
        this.n++;
      } else if (c === 0x5d) {
        arr.afterExtra = v.afterExtra ?? '';
        v.afterExtra = null;
        this.n++;
        this.depth--;
        return arr;
      } else {
        this.fail(`invalid character ${quoteCharAt(s, this.n)} after array value (expecting ',' or ']')`, this.n);
        return arr;
      }
    }
  }

  /** Skips whitespace and comments; false (with the error set) on a broken comment. */
  consumeExtra(): boolean {
    const s = this.s;
    let n = this.n;
    while (n < s.length) {
      const c = s.charCodeAt(n);
      if (c === SPACE || c === LF || c === TAB || c === CR) {
        n++;
        continue;
      }
      if (c !== SLASH) break;
      const next = s.charCodeAt(n + 1);
      let end: number;
      if (next === SLASH) {
        const i = s.indexOf('\n', n + 2);
        end = i < 0 ? -1 : i + 1;
      } else if (next === STAR) {
        const i = s.indexOf('*/', n + 2);
        end = i < 0 ? -1 : i + 2;
      } else {
        break; // a lone '/' is reported by the value parser
      }
      if (end < 0) {
        this.fail('parsing comment: unexpected EOF', n);
        return false;
      }
      if (!validUTF8(s, n, end)) {
        this.fail('invalid UTF-8 in comment', n);
        return false;
      }
      n = end;
    }
    this.n = n;
    return true;
  }
}

/**
 * Parses HuJSON (text, or bytes that need not be valid UTF-8) into a lossless tree. Throws a
 * HujsonError worded like Go's ("hujson: line 1, column 6: invalid character ',' after top-level
 * value") with line, column and offset set.
 */
export function parse(input: string | Uint8Array): Value {
  return parseByteString(toByteString(input));
}

export function parseByteString(s: ByteString): Value {
  const p = new Parser(s);
  const v = p.parseNext(0);
  if (!p.err && p.n < s.length) p.fail(`invalid character ${quoteCharAt(s, p.n)} after top-level value`, p.n);
  if (p.err) {
    const { line, column } = lineColumn(s, p.errAt);
    throw new HujsonError(`hujson: line ${line}, column ${column}: ${p.err}`, line, column, p.errAt, v);
  }
  return v as Value;
}
