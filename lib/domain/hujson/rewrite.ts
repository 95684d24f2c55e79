// Changing a value inside a HuJSON document to a new JSON value with the smallest edit: members
// and elements that stay equal keep their bytes (and comments); only what differs is rewritten,
// removed or added (entry-edits.ts uses it to edit one policy entry in place).
import { type ByteString, byteStringToText } from './bytes';
import { clone, packByteString, standardize } from './pack';
import { parseByteString } from './parse';
import { literalText } from './quote';
import { type RenderStyle, isMultiLine, renderValue } from './render';
import { applySplices, insertChild, lineStart, removeChild } from './splice';
import type { Value } from './types';

/** The node's value as plain JSON (comments and trailing commas ignored; duplicate names: last wins). */
export function decodeValue(node: Value): unknown {
  return JSON.parse(byteStringToText(packByteString(standardize(clone(node)))));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((e, i) => jsonEqual(e, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The node at a path of child indexes (for an object member: its value). */
export function nodeAt(root: Value, path: number[]): Value {
  let v = root;
  for (const i of path) {
    const t = v.value;
    if (t.type === 'object') v = t.members[i].value;
    else if (t.type === 'array') v = t.elements[i];
    else throw new Error('path runs into a literal');
  }
  return v;
}

/** Sets the value at `path` to `next`, touching only the parts that differ; returns the new bytes. */
export function rewriteValue(bs: ByteString, path: number[], next: unknown, style: RenderStyle): ByteString {
  let node = nodeAt(parseByteString(bs), path);
  if (jsonEqual(decodeValue(node), next)) return bs;
  const t = node.value;
  const reload = () => (node = nodeAt(parseByteString(bs), path));

  if (t.type === 'object' && isObject(next)) {
    const names = t.members.map((m) => (m.name.value.type === 'literal' ? literalText(m.name.value.text) : ''));
    // Removed names first (from the end, so indexes stay valid), then changed values, then new names.
    for (let i = names.length - 1; i >= 0; i--) {
      if (!Object.hasOwn(next, names[i]) || names.indexOf(names[i]) !== i) {
        bs = removeChild(bs, node, i);
        names.splice(i, 1);
        reload();
      }
    }
    names.forEach((name, i) => (bs = rewriteValue(bs, [...path, i], next[name], style)));
    for (const [key, value] of Object.entries(next)) {
      if (names.includes(key)) continue;
      reload();
      bs = insertChild(bs, node, names.length, { key, value }, style, false);
      names.push(key);
    }
    return bs;
  }

  if (t.type === 'array' && Array.isArray(next)) {
    const old = t.elements.map(decodeValue);
    let head = 0;
    while (head < old.length && head < next.length && jsonEqual(old[head], next[head])) head++;
    let tail = 0;
    while (tail < old.length - head && tail < next.length - head && jsonEqual(old[old.length - 1 - tail], next[next.length - 1 - tail])) tail++;
    const oldMid = old.length - head - tail;
    const newMid = next.length - head - tail;
    // Elements in the middle are rewritten in place as far as both sides have them; the rest are
    // removed (from the end) or added.
    const common = Math.min(oldMid, newMid);
    for (let i = head; i < head + common; i++) bs = rewriteValue(bs, [...path, i], next[i], style);
    for (let i = head + oldMid - 1; i >= head + common; i--) {
      reload();
      bs = removeChild(bs, node, i);
    }
    for (let i = head + common; i < head + newMid; i++) {
      reload();
      bs = insertChild(bs, node, i, { value: next[i] }, style, false);
    }
    return bs;
  }

  // A literal, or a change of kind: the value's own bytes are rewritten in the layout it had.
  const ls = lineStart(bs, node.startOffset);
  let e = ls;
  while (bs[e] === ' ' || bs[e] === '\t') e++;
  const text = renderValue(next, bs.slice(ls, e), style, isMultiLine(bs.slice(node.startOffset, node.endOffset)), node.startOffset - e);
  return applySplices(bs, [{ start: node.startOffset, end: node.endOffset, text }]);
}
