// Formatting of whitespace and comments (Go's Extra.format and Extra.lineStats): blank lines are
// capped at one, comments re-indented with tabs, multi-line block comments re-aligned.
import { type ByteString, countNewlines, trimRightSpace, whitespaceLength } from './bytes';
import type { Extra } from './types';

export interface FormatOptions {
  ensureLeadingNewline?: boolean;
  ensureTrailingNewline?: boolean;
  removeLeadingEmptyLines?: boolean;
  removeTrailingEmptyLines?: boolean;
  unindentLastLine?: boolean;
  appendSpaceIfEmpty?: boolean;
}

/** Length of the comment starting at s[pos]: 0 when there is none, -1 when it is unterminated. */
export function commentLength(s: ByteString, pos = 0): number {
  if (s.charCodeAt(pos) !== 0x2f) return 0;
  const next = s.charCodeAt(pos + 1);
  if (next === 0x2f) {
    const i = s.indexOf('\n', pos + 2);
    return i < 0 ? -1 : i + 1 - pos;
  }
  if (next === 0x2a) {
    const i = s.indexOf('*/', pos + 2);
    return i < 0 ? -1 : i + 2 - pos;
  }
  return 0;
}

/** Whether the extra holds a comment (anything but whitespace). */
export const hasComment = (e: Extra | null): boolean => e !== null && whitespaceLength(e) < e.length;

const indent = (depth: number) => (depth > 0 ? '\t'.repeat(depth) : '');

/** A multi-line block comment, re-indented to depth (lines keep their common indentation). */
function formatBlockComment(comment: ByteString, depth: number): ByteString {
  const lines = comment.split('\n');
  let firstLine = ''; // the first non-empty line after the opening "/*"
  let hasEmptyLine = false;
  for (let i = 0; i < lines.length; i++) {
    const line = trimRightSpace(lines[i]);
    if (firstLine.length === 0 && line.length > 0 && i > 0) firstLine = line;
    hasEmptyLine = hasEmptyLine || line.length === 0;
    lines[i] = line;
  }
  let commonPrefix = firstLine;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    // A last line of only "*/" takes the common prefix's indentation instead of its own.
    if (line.endsWith('*/') && whitespaceLength(line) + 2 === line.length) {
      lines[i] = commonPrefix.slice(0, whitespaceLength(commonPrefix)) + '*/';
      break;
    }
    for (let j = 0; j < line.length && j < commonPrefix.length; j++) {
      if (line[j] !== commonPrefix[j]) {
        commonPrefix = commonPrefix.slice(0, j);
        break;
      }
    }
  }
  const prefixLen = whitespaceLength(commonPrefix);
  const starAligned = !hasEmptyLine && commonPrefix.length > prefixLen && commonPrefix[prefixLen] === '*';
  let out = lines[0] + '\n';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0) out += indent(depth) + (starAligned ? ' ' : '') + line.slice(prefixLen);
    out += '\n';
  }
  return out;
}

/** Formats whitespace and comments for the given nesting depth. */
export function formatExtra(extra: Extra, depth: number, opts: FormatOptions): Extra {
  let b = extra;
  // Carriage returns are normalized so that output does not depend on the OS.
  if (b.indexOf('\r') >= 0) b = b.replaceAll('\r\n', '\n').replaceAll('\n\r', '\n').replaceAll('\r', ' ');
  let out = '';
  if (opts.ensureLeadingNewline && b.indexOf('\n') < 0) out += '\n';
  let pos = 0;
  while (pos < b.length) {
    const nw = whitespaceLength(b, pos);
    if (nw > 0) {
      out += '\n'.repeat(Math.min(countNewlines(b.slice(pos, pos + nw)), 2)); // at most one blank line
      pos += nw;
      continue;
    }
    let n = commentLength(b, pos);
    if (n <= 0) return b; // not valid extra: leave it alone
    out += out.endsWith('\n') ? indent(depth) : ' ';
    const comment = b.slice(pos, pos + n);
    if (comment.startsWith('//') || comment.indexOf('\n') < 0) {
      out += trimRightSpace(comment); // single-line comments are kept verbatim
      if (comment.startsWith('//')) n--; // its newline is handled as whitespace
      pos += n;
      continue;
    }
    out = (out + formatBlockComment(comment, depth)).replace(/\n+$/, '');
    pos += n;
  }
  if (opts.ensureTrailingNewline && !out.endsWith('\n')) out += '\n';
  while (opts.removeLeadingEmptyLines && out.startsWith('\n\n')) out = out.slice(1);
  while (opts.removeTrailingEmptyLines && out.endsWith('\n\n')) out = out.slice(0, -1);
  if (out.endsWith('\n')) out += indent(opts.unindentLastLine ? depth - 1 : depth);
  else if (out.length > 0) out += ' ';
  if (opts.appendSpaceIfEmpty && out.length === 0) out = ' ';
  return out;
}

/** formatExtra for an afterExtra, keeping null (no trailing comma) when nothing is produced. */
export function formatNullable(extra: Extra | null, depth: number, opts: FormatOptions): Extra | null {
  if (extra !== null) return formatExtra(extra, depth, opts);
  const out = formatExtra('', depth, opts);
  return out === '' ? null : out;
}

export interface LineStats {
  firstLength: number;
  lastLength: number;
  /** false implies firstLength === lastLength */
  multiline: boolean;
}

/** The approximate formatted length of the comments on one line of extra. */
function commentsLength(s: ByteString): number {
  let n = 0;
  let pos = 0;
  for (;;) {
    pos += whitespaceLength(s, pos);
    if (s.startsWith('//', pos)) return n + 1 + s.length - pos; // a line comment runs to the end
    if (s.startsWith('/*', pos)) {
      const nc = commentLength(s, pos);
      if (nc <= 0) return n + 1 + s.length - pos;
      n += 1 + nc;
      pos += nc;
      continue;
    }
    return n > 0 ? n + 1 : n; // the padding space after a block comment
  }
}

export function extraLineStats(e: Extra | null): LineStats {
  const b = e ?? '';
  const nl = b.indexOf('\n');
  if (nl < 0) {
    const n = commentsLength(b);
    return { firstLength: n, lastLength: n, multiline: false };
  }
  return { firstLength: commentsLength(b.slice(0, nl)), lastLength: commentsLength(b.slice(b.lastIndexOf('\n') + 1)), multiline: true };
}
