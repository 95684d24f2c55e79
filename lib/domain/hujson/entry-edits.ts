// The visual rule editor's model of a Tailscale policy document: the entries of its `acls`,
// `grants`, `groups`, `tagOwners`, `ssh` and `tests` sections with their ranges, and edits that
// add, replace, remove or move one entry by rewriting only that entry's text (plus the comma it
// needs). Every other byte of the document — comments, blank lines, key order, trailing commas —
// stays as it was. Comments directly above an entry and one after it on its line belong to it
// (the same rule as patch, docs/hujson.md): they move and go with it.
import { type ByteString, byteStringToText, textToByteString } from './bytes';
import { parseByteString } from './parse';
import { literalText, stringLiteral } from './quote';
import { detectStyle } from './render';
import { type ChildSpan, applySplices, childSpans, extractPiece, insertChild, removeChild } from './splice';
import { rewriteValue, decodeValue } from './rewrite';
import type { Value } from './types';

export const POLICY_SECTIONS = ['acls', 'grants', 'groups', 'tagOwners', 'ssh', 'tests'] as const;
export type SectionName = (typeof POLICY_SECTIONS)[number];

/** Sections whose entries are object members ("group:eng": [...]) rather than array elements. */
export const KEYED_SECTIONS: ReadonlySet<SectionName> = new Set(['groups', 'tagOwners']);

export interface PolicyEntry {
  index: number;
  /** The member name of a keyed section's entry. */
  key?: string;
  /** The entry decoded as JSON. */
  value: unknown;
  /** Text (UTF-16) offsets of the entry: from its name or first byte to the end of its value. */
  start: number;
  end: number;
  /** The same range in bytes of the UTF-8 document. */
  byteStart: number;
  byteEnd: number;
}

export interface PolicySection {
  name: SectionName;
  present: boolean;
  /** False when the section holds the wrong kind of value (edit it as text). */
  editable: boolean;
  entries: PolicyEntry[];
}

export type EntryEdit =
  | { op: 'add'; section: SectionName; value: unknown; key?: string; index?: number }
  | { op: 'replace'; section: SectionName; index: number; value: unknown; key?: string }
  | { op: 'remove'; section: SectionName; index: number }
  | { op: 'move'; section: SectionName; from: number; to: number };

/** Why an edit cannot be made (the document is not an object, a name is taken, ...). */
export class EntryEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryEditError';
  }
}

interface Doc {
  bs: ByteString;
  root: Value;
}

function load(bs: ByteString): Doc {
  const root = parseByteString(bs);
  if (root.value.type !== 'object') throw new EntryEditError('The policy document is not a JSON object.');
  return { bs, root };
}

const memberName = (v: Value): string => (v.value.type === 'literal' ? literalText(v.value.text) : '');

/** Index of the section's member in the root object (the first of duplicates), or -1. */
function sectionIndex(doc: Doc, name: SectionName): number {
  const t = doc.root.value;
  return t.type === 'object' ? t.members.findIndex((m) => memberName(m.name) === name) : -1;
}

function sectionNode(doc: Doc, name: SectionName): Value | undefined {
  const i = sectionIndex(doc, name);
  const t = doc.root.value;
  if (i < 0 || t.type !== 'object') return undefined;
  const node = t.members[i].value;
  return node.value.type === (KEYED_SECTIONS.has(name) ? 'object' : 'array') ? node : undefined;
}

/** Byte offsets → UTF-16 offsets (identity for ASCII documents). */
function offsetMapper(bs: ByteString): (b: number) => number {
  if (!/[^\x00-\x7f]/.test(bs)) return (b) => b;
  const map = new Uint32Array(bs.length + 1);
  let chars = 0;
  for (let i = 0; i < bs.length; i++) {
    map[i] = chars;
    const c = bs.charCodeAt(i);
    if (c < 0x80 || c >= 0xc0) chars += c >= 0xf0 ? 2 : 1;
  }
  map[bs.length] = chars;
  return (b) => map[b];
}

/** The editable sections of a policy document (throws a HujsonError on a syntax error). */
export function listEntries(text: string): PolicySection[] {
  const doc = load(textToByteString(text));
  const toText = offsetMapper(doc.bs);
  return POLICY_SECTIONS.map((name) => {
    const present = sectionIndex(doc, name) >= 0;
    const node = sectionNode(doc, name);
    if (!node) return { name, present, editable: !present, entries: [] };
    const entries = childSpans(doc.bs, node).map((s: ChildSpan, index): PolicyEntry => ({
      index,
      key: s.name ? memberName(s.name) : undefined,
      value: decodeValue(s.value),
      start: toText(s.start),
      end: toText(s.end),
      byteStart: s.start,
      byteEnd: s.end,
    }));
    return { name, present, editable: true, entries };
  });
}

function editableSection(doc: Doc, name: SectionName): Value {
  const node = sectionNode(doc, name);
  if (!node) throw new EntryEditError(`"${name}" is not ${KEYED_SECTIONS.has(name) ? 'an object' : 'an array'} in the document.`);
  return node;
}

function checkIndex(node: Value, i: number, end = false): void {
  const t = node.value;
  const n = t.type === 'object' ? t.members.length : t.type === 'array' ? t.elements.length : 0;
  if (!Number.isInteger(i) || i < 0 || i > (end ? n : n - 1)) throw new EntryEditError(`There is no entry ${i + 1} to edit.`);
}

function checkKey(node: Value, key: string | undefined, except = -1): void {
  if (key === undefined || key === '') throw new EntryEditError('The entry needs a name.');
  const t = node.value;
  if (t.type === 'object' && t.members.some((m, i) => i !== except && memberName(m.name) === key)) throw new EntryEditError(`${key} is already defined.`);
}

/**
 * Applies one edit and returns the new text and where the edited entry now is (its index; null
 * after a removal). Throws a HujsonError on a syntax error, EntryEditError on an impossible edit.
 */
export function applyEntryEdit(text: string, edit: EntryEdit): { text: string; index: number | null } {
  const doc = load(textToByteString(text));
  const style = detectStyle(doc.bs, doc.root);
  const keyed = KEYED_SECTIONS.has(edit.section);
  const done = (bs: ByteString, index: number | null) => ({ text: byteStringToText(bs), index });

  if (edit.op === 'add' && sectionIndex(doc, edit.section) < 0) {
    // A new section at the end of the document, its one entry on a line of its own.
    const value = keyed ? { [edit.key ?? '']: edit.value } : [edit.value];
    if (keyed) checkKey({ ...doc.root, value: { type: 'object', members: [], afterExtra: '' } }, edit.key);
    const t = doc.root.value;
    const n = t.type === 'object' ? t.members.length : 0;
    // Expanded, unless the whole document is written on one line.
    const expand = n === 0 || doc.bs.slice(doc.root.startOffset, doc.root.endOffset).includes('\n');
    return done(insertChild(doc.bs, doc.root, n, { key: edit.section, value, expand }, style, true), 0);
  }
  const node = editableSection(doc, edit.section);
  switch (edit.op) {
    case 'add': {
      const t = node.value;
      const n = t.type === 'object' ? t.members.length : t.type === 'array' ? t.elements.length : 0;
      const at = edit.index ?? n;
      checkIndex(node, at, true);
      if (keyed) checkKey(node, edit.key);
      return done(insertChild(doc.bs, node, at, { key: keyed ? edit.key : undefined, value: edit.value }, style, true), at);
    }
    case 'remove':
      checkIndex(node, edit.index);
      return done(removeChild(doc.bs, node, edit.index), null);
    case 'move': {
      checkIndex(node, edit.from);
      checkIndex(node, edit.to);
      if (edit.from === edit.to) return done(doc.bs, edit.to);
      const piece = extractPiece(doc.bs, childSpans(doc.bs, node)[edit.from]);
      const removed = load(removeChild(doc.bs, node, edit.from));
      return done(insertChild(removed.bs, editableSection(removed, edit.section), edit.to, { piece }, style, true), edit.to);
    }
    case 'replace': {
      checkIndex(node, edit.index);
      let bs = doc.bs;
      const span = childSpans(bs, node)[edit.index];
      if (keyed && span.name && edit.key !== undefined && edit.key !== memberName(span.name)) {
        checkKey(node, edit.key, edit.index);
        bs = applySplices(bs, [{ start: span.name.startOffset, end: span.name.endOffset, text: stringLiteral(edit.key) }]);
      }
      const path = [sectionIndex(doc, edit.section), edit.index];
      return done(rewriteValue(bs, path, edit.value, style), edit.index);
    }
  }
}
