// Go's quoting (the %q verb, used in hujson's error messages) and the JSON literal rules hujson
// inherits from Go's encoding/json: what a valid literal is, how a string literal decodes
// (invalid UTF-8 and lone surrogates become U+FFFD) and how a string is written back.
import { type ByteString, RUNE_ERROR, decodeRune, encodeRune } from './bytes';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(r));
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** strconv's appendEscapedRune: how one rune appears inside a Go quoted literal. */
function escapeRune(r: number, quote: string): string {
  const ch = String.fromCodePoint(r);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (isPrint(r)) return ch;
  const short = SHORT_ESCAPES[r];
  if (short) return short;
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = RUNE_ERROR;
  return r < 0x10000 ? '\\u' + hex(r, 4) : '\\U' + hex(r, 8);
}

/** Go's %q of the character starting at byte i (an invalid UTF-8 byte prints as '\xNN'). */
export function quoteCharAt(s: ByteString, i: number): string {
  const [r, size] = decodeRune(s, i);
  if (r === RUNE_ERROR && size === 1) return `'\\x${hex(s.charCodeAt(i), 2)}'`;
  return `'${escapeRune(r, "'")}'`;
}

/** Go's %q (strconv.Quote) of a string. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    let r = ch.codePointAt(0)!;
    if (r >= 0xd800 && r <= 0xdfff) r = RUNE_ERROR; // a lone surrogate cannot exist in a Go string
    out += escapeRune(r, '"');
  }
  return out + '"';
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** encoding/json's number grammar on s[start:end]. */
function isNumber(s: ByteString, start: number, end: number): boolean {
  let i = start;
  if (s.charCodeAt(i) === 0x2d) i++;
  if (i >= end) return false;
  if (s.charCodeAt(i) === 0x30) i++;
  else if (isDigit(s.charCodeAt(i))) while (i < end && isDigit(s.charCodeAt(i))) i++;
  else return false;
  if (i < end && s.charCodeAt(i) === 0x2e) {
    i++;
    if (i >= end || !isDigit(s.charCodeAt(i))) return false;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
  }
  if (i < end && (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45)) {
    i++;
    if (i < end && (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d)) i++;
    if (i >= end || !isDigit(s.charCodeAt(i))) return false;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
  }
  return i === end;
}

/**
 * Whether s[start:end] is a valid JSON string literal whose closing quote is at end-1 (the parser
 * has already found it). Like Go's encoding/json v1, bytes ≥ 0x80 are not checked for UTF-8.
 */
function isStringLiteral(s: ByteString, start: number, end: number): boolean {
  for (let i = start + 1; i < end - 1; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) return false;
    if (c !== 0x5c) continue;
    const e = s.charCodeAt(++i);
    if (e === 0x75) {
      for (let k = 1; k <= 4; k++) if (!isHex(s.charCodeAt(i + k))) return false;
      i += 4;
      if (i >= end - 1) return false;
    } else if (!(e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)) {
      return false;
    }
  }
  return true;
}

/** Literal.IsValid: a JSON null, boolean, number or string (json.Valid). */
export function isValidLiteral(s: ByteString, start = 0, end = s.length): boolean {
  const c = s.charCodeAt(start);
  if (c === 0x22) return end - start >= 2 && s.charCodeAt(end - 1) === 0x22 && isStringLiteral(s, start, end);
  if (c === 0x6e || c === 0x74 || c === 0x66) {
    const word = s.slice(start, end);
    return word === 'null' || word === 'true' || word === 'false';
  }
  return isNumber(s, start, end);
}

const ESCAPED: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a valid JSON string literal (with quotes) the way Go's json.Unmarshal does: invalid
 * UTF-8 bytes and unpaired surrogate escapes become U+FFFD.
 */
export function unquote(raw: ByteString): string {
  const end = raw.length - 1;
  let out = '';
  let i = 1;
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c) {
      const e = raw[i + 1];
      if (e !== 'u') {
        out += ESCAPED[e] ?? e;
        i += 2;
        continue;
      }
      let r = parseInt(raw.slice(i + 2, i + 6), 16);
      i += 6;
      if (r >= 0xd800 && r <= 0xdfff) {
        const lo = raw[i] === '\\' && raw[i + 1] === 'u' ? parseInt(raw.slice(i + 2, i + 6), 16) : -1;
        if (r < 0xdc00 && lo >= 0xdc00 && lo <= 0xdfff) {
          r = 0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00);
          i += 6;
        } else {
          r = RUNE_ERROR;
        }
      }
      out += String.fromCodePoint(r);
    } else if (c < 0x80) {
      // Copy a run of plain ASCII at once.
      let j = i + 1;
      while (j < end) {
        const d = raw.charCodeAt(j);
        if (d === 0x5c || d >= 0x80) break;
        j++;
      }
      out += raw.slice(i, j);
      i = j;
    } else {
      const [r, size] = decodeRune(raw, i, end);
      out += String.fromCodePoint(r);
      i += size;
    }
  }
  return out;
}

/** Literal.String(): the decoded text of a string literal, otherwise the raw literal. */
export function literalText(raw: ByteString): string {
  return raw.charCodeAt(0) === 0x22 && raw.length >= 2 && isValidLiteral(raw) ? unquote(raw) : raw;
}

const STRING_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 0x5c: '\\\\', 0x22: '\\"' };

/** hujson.String(v): a JSON string literal in RFC 8785 form (only required escapes). */
export function stringLiteral(text: string): ByteString {
  let out = '"';
  for (const ch of text) {
    let r = ch.codePointAt(0)!;
    if (r < 0x20 || r === 0x5c || r === 0x22) {
      out += STRING_ESCAPES[r] ?? '\\u' + hex(r, 4);
      continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) r = RUNE_ERROR;
    out += r < 0x80 ? ch : encodeRune(r);
  }
  return out + '"';
}
