// Removing and inserting one member or element of an object or array as a byte-range edit of the
// document, so that everything else stays byte-identical (the visual rule editor's building block,
// see entry-edits.ts). A child written on lines of its own ("own-line") is edited as whole lines:
// its block is the comments directly above it (as patch's comment rules attach them, comments.ts),
// its indentation, the value, its comma and a comment after it on the same line. Children sharing
// a line (["a", "b"]) are edited in place with ", " separators.
import type { ByteString } from './bytes';
import { whitespaceLength } from './bytes';
import { classifyComments } from './comments';
import { commentLength } from './format-extra';
import { type RenderStyle, renderValue, isMultiLine } from './render';
import { stringLiteral } from './quote';
import type { Value } from './types';

export interface Splice {
  start: number;
  end: number;
  text: ByteString;
}

/** Applies non-overlapping splices (any order). */
export function applySplices(bs: ByteString, splices: Splice[]): ByteString {
  let out = bs;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

export interface ChildSpan {
  /** First byte of the member's name, or of the element. */
  start: number;
  /** Just after the value. */
  end: number;
  /** Offset of the comma after the value, or -1 (last child without a trailing comma). */
  comma: number;
  /** First byte of the comments that belong to the child (start when none). */
  leadStart: number;
  /** The whole lines of an own-line child (leadStart's line start .. after the line break), else leadStart .. after the comma. */
  blockStart: number;
  blockEnd: number;
  ownLine: boolean;
  /** The child's value node (for a member, its value). */
  value: Value;
  name?: Value;
}

export const lineStart = (bs: ByteString, p: number): number => bs.lastIndexOf('\n', p - 1) + 1;

function onlySpaces(bs: ByteString, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bs.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** After the line break ending p's line when only spaces and comments follow p on it, else -1. */
function lineEndAfter(bs: ByteString, p: number): number {
  for (let q = p; q < bs.length; ) {
    const c = bs.charCodeAt(q);
    if (c === 0x20 || c === 0x09 || c === 0x0d) q++;
    else if (c === 0x0a) return q + 1;
    else {
      const len = commentLength(bs, q);
      if (len <= 0) return -1;
      if (bs[q + 1] === '/') return q + len;
      if (bs.slice(q, q + len).includes('\n')) return -1;
      q += len;
    }
  }
  return -1;
}

/** The spans of a composite's children, in order. */
export function childSpans(bs: ByteString, node: Value): ChildSpan[] {
  const t = node.value;
  if (t.type === 'literal') throw new Error('not an object or array');
  const n = t.type === 'object' ? t.members.length : t.elements.length;
  const spans: ChildSpan[] = [];
  let boundary = node.startOffset + 1;
  for (let k = 0; k < n; k++) {
    const name = t.type === 'object' ? t.members[k].name : undefined;
    const value = t.type === 'object' ? t.members[k].value : t.elements[k];
    const start = (name ?? value).startOffset;
    const end = value.endOffset;
    const hasComma = k < n - 1 || value.afterExtra !== null;
    const comma = hasComma ? end + (value.afterExtra?.length ?? 0) : -1;
    const [, currStart] = classifyComments(bs.slice(boundary, start));
    // A comment on the previous child's line after its comma is part of that child's block.
    let from = boundary + currStart;
    const prev = spans[k - 1];
    if (prev?.ownLine && prev.blockEnd > from) from = prev.blockEnd;
    const leadStart = from + whitespaceLength(bs.slice(from, start));
    const ls = lineStart(bs, leadStart);
    const after = hasComma ? comma + 1 : end;
    const eol = lineEndAfter(bs, after);
    const ownLine = ls >= boundary && onlySpaces(bs, ls, leadStart) && eol >= 0;
    spans.push({ start, end, comma, leadStart, blockStart: ownLine ? ls : leadStart, blockEnd: ownLine ? eol : after, ownLine, value, name });
    boundary = after;
  }
  return spans;
}

/** One child's text, taken out to be put back elsewhere (moving keeps its bytes and comments). */
export interface Piece {
  /** Comment lines and indentation before the value ('' for children sharing a line). */
  lead: ByteString;
  /** The member (name: value) or element, without its comma. */
  body: ByteString;
  /** What followed the comma up to and including the line break ('' for children sharing a line). */
  tail: ByteString;
  ownLine: boolean;
}

export function extractPiece(bs: ByteString, s: ChildSpan): Piece {
  const bodyEnd = s.comma >= 0 ? s.comma : s.end;
  if (!s.ownLine) return { lead: '', body: bs.slice(s.start, s.end), tail: '', ownLine: false };
  return { lead: bs.slice(s.blockStart, s.start), body: bs.slice(s.start, bodyEnd), tail: bs.slice(s.comma >= 0 ? s.comma + 1 : s.end, s.blockEnd), ownLine: true };
}

/** Removes child k with its block (and, when it was the last without a trailing comma, the comma before it). */
export function removeChild(bs: ByteString, node: Value, k: number): ByteString {
  const spans = childSpans(bs, node);
  const s = spans[k];
  const n = spans.length;
  const cut: Splice[] = [];
  if (s.ownLine) {
    cut.push({ start: s.blockStart, end: s.blockEnd, text: '' });
    if (k === n - 1 && s.comma < 0 && k > 0) cut.push({ start: spans[k - 1].comma, end: spans[k - 1].comma + 1, text: '' });
  } else if (n === 1) {
    cut.push({ start: s.leadStart, end: s.comma >= 0 ? s.comma + 1 : s.end, text: '' });
  } else if (k < n - 1) {
    let end = s.comma + 1;
    while (bs[end] === ' ' || bs[end] === '\t') end++;
    cut.push({ start: s.leadStart, end, text: '' });
  } else {
    cut.push({ start: spans[k - 1].comma, end: s.comma >= 0 ? s.comma : s.end, text: '' });
  }
  return applySplices(bs, cut);
}

/** What to insert: a new member/element rendered from a value, or a piece taken out of the same composite. */
export type NewChild = { value: unknown; key?: string; expand?: boolean } | { piece: Piece };

/** The spaces and tabs starting p's line. */
function indentOf(bs: ByteString, p: number): ByteString {
  const ls = lineStart(bs, p);
  let e = ls;
  while (e < p && (bs[e] === ' ' || bs[e] === '\t')) e++;
  return bs.slice(ls, e);
}

function renderChild(c: { value: unknown; key?: string; expand?: boolean }, indent: ByteString, style: RenderStyle, expand: boolean): ByteString {
  const head = c.key === undefined ? '' : stringLiteral(c.key) + ': ';
  return head + renderValue(c.value, indent, style, c.expand ?? expand, head.length);
}

/**
 * Inserts a child at index k of the composite. `expand` asks for one child per line in an empty
 * composite (entries of a section); otherwise new children follow their neighbours' layout.
 */
export function insertChild(bs: ByteString, node: Value, k: number, child: NewChild, style: RenderStyle, expand: boolean): ByteString {
  const spans = childSpans(bs, node);
  const n = spans.length;
  if (n === 0) {
    if ('piece' in child) throw new Error('nothing to move in an empty composite');
    const open = node.startOffset;
    const close = node.endOffset - 1;
    if (!expand) return applySplices(bs, [{ start: open + 1, end: open + 1, text: renderChild(child, '', style, false) }]);
    const base = indentOf(bs, open);
    const inner = base + style.unit;
    const line = inner + renderChild(child, inner, style, false) + (style.trailing ? ',' : '') + style.eol;
    const cl = lineStart(bs, close);
    if (cl > open && onlySpaces(bs, cl, close)) return applySplices(bs, [{ start: cl, end: cl, text: line }]);
    return applySplices(bs, [{ start: close, end: close, text: style.eol + line + base }]);
  }
  const ref = spans[Math.min(k, n - 1)];
  const last = spans[n - 1];
  if (!ref.ownLine) {
    const body = 'piece' in child ? child.piece.body : renderChild(child, indentOf(bs, ref.start), style, false);
    if (k < n) return applySplices(bs, [{ start: ref.leadStart, end: ref.leadStart, text: body + ', ' }]);
    return applySplices(bs, [{ start: last.end, end: last.end, text: ', ' + body }]);
  }
  const indent = indentOf(bs, ref.start);
  const siblingExpanded = isMultiLine(bs.slice(ref.start, ref.end));
  const piece: Piece = 'piece' in child && child.piece.ownLine ? child.piece : { lead: indent, body: 'piece' in child ? child.piece.body : renderChild(child, indent, style, siblingExpanded), tail: style.eol, ownLine: true };
  if (k < n) return applySplices(bs, [{ start: ref.blockStart, end: ref.blockStart, text: piece.lead + piece.body + ',' + piece.tail }]);
  if (last.comma >= 0) return applySplices(bs, [{ start: last.blockEnd, end: last.blockEnd, text: piece.lead + piece.body + ',' + piece.tail }]);
  return applySplices(bs, [
    { start: last.end, end: last.end, text: ',' },
    { start: last.blockEnd, end: last.blockEnd, text: piece.lead + piece.body + piece.tail },
  ]);
}
