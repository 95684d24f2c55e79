// Byte strings: HuJSON offsets, columns and round-trips are defined on bytes (as in Go), and input
// may be bytes that are not valid UTF-8. The library therefore works on "byte strings": JS strings
// holding one char per byte (codes 0–255). V8 stores them compactly and every string operation
// (indexOf, slice, comparisons) stays native, which keeps parsing fast.

/** A JS string with one char per byte (char codes 0–255). */
export type ByteString = string;

const CHUNK = 0x2000;

export function bytesToByteString(bytes: Uint8Array): ByteString {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

export function byteStringToBytes(s: ByteString): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 encodes text (lone surrogates become U+FFFD) into a byte string. */
export function textToByteString(text: string): ByteString {
  // Pure ASCII needs no re-encoding; it is by far the most common case.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return bytesToByteString(encoder.encode(text));
}

/**
 * Decodes a byte string as UTF-8. Invalid bytes become U+FFFD one byte at a time, as when Go
 * converts bytes to runes (a truncated sequence gives one U+FFFD per byte, unlike TextDecoder).
 */
export function byteStringToText(s: ByteString): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const bytes = byteStringToBytes(s);
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let out = '';
    for (let i = 0; i < s.length; ) {
      const [r, size] = decodeRune(s, i);
      out += String.fromCodePoint(r);
      i += size;
    }
    return out;
  }
}

export function toByteString(input: string | Uint8Array): ByteString {
  return typeof input === 'string' ? textToByteString(input) : bytesToByteString(input);
}

export const RUNE_ERROR = 0xfffd;

/**
 * Decodes the rune starting at byte i, exactly like Go's utf8.DecodeRune: an invalid or truncated
 * sequence (including surrogates and overlong forms) yields [U+FFFD, 1].
 */
export function decodeRune(s: ByteString, i: number, end = s.length): [rune: number, size: number] {
  const n = end - i;
  if (n <= 0) return [RUNE_ERROR, 0];
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    if (k >= n) return -1;
    const c = s.charCodeAt(i + k);
    return c >= lo && c <= hi ? c & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x1f) << 6) | c1, 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const c1 = cont(1, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    return c2 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const c1 = cont(1, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    const c3 = c2 < 0 ? -1 : cont(3);
    return c3 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
  }
  return [RUNE_ERROR, 1];
}

/** Go's utf8.Valid on s[start:end]. */
export function validUTF8(s: ByteString, start = 0, end = s.length): boolean {
  for (let i = start; i < end; ) {
    if (s.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    const [r, size] = decodeRune(s, i, end);
    if (r === RUNE_ERROR && size === 1) return false;
    i += size;
  }
  return true;
}

/** Encodes one code point as UTF-8 bytes. */
export function encodeRune(r: number): ByteString {
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r < 0x10000) return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  return String.fromCharCode(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
}

/** 1-based line and byte column of offset n, as Go's hujson reports them. */
export function lineColumn(s: ByteString, n: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = s.indexOf('\n'); i >= 0 && i < n; i = s.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: n - last };
}

export const isWhitespace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/** Length of the JSON whitespace prefix of s[from:]. */
export function whitespaceLength(s: ByteString, from = 0): number {
  let n = from;
  while (n < s.length && isWhitespace(s.charCodeAt(n))) n++;
  return n - from;
}

// Go's unicode.IsSpace beyond ASCII, as UTF-8 byte strings.
const UNICODE_SPACES = new Set(
  [0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000].map(encodeRune),
);

/** bytes.TrimRightFunc(s, unicode.IsSpace). */
export function trimRightSpace(s: ByteString): ByteString {
  let end = s.length;
  for (;;) {
    if (end === 0) return '';
    const c = s.charCodeAt(end - 1);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
      end--;
      continue;
    }
    if (c < 0x80) break;
    let matched = false;
    for (const k of [2, 3]) {
      if (end >= k && UNICODE_SPACES.has(s.slice(end - k, end))) {
        end -= k;
        matched = true;
        break;
      }
    }
    if (!matched) break;
  }
  return s.slice(0, end);
}

export const countNewlines = (s: ByteString): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

export const hasNewline = (s: ByteString | null): boolean => s !== null && s.indexOf('\n') >= 0;
