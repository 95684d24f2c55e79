// Format: the `go fmt` of HuJSON, ported from Go's hujson so that output matches it exactly.
// Objects and arrays are either fully inline or fully expanded (one member per line, tab indented,
// trailing comma unless the input was standard JSON); object values in a block are aligned.
import { countNewlines, hasNewline, trimRightSpace, whitespaceLength } from './bytes';
import { type LineStats, extraLineStats, formatExtra, formatNullable, hasComment } from './format-extra';
import { isStandard, updateOffsets } from './pack';
import { literalText, stringLiteral } from './quote';
import { type Composite, type ObjectMember, type Value, beforeExtraAt, childValues, lastValue, lengthOf, literal, setTrailingComma } from './types';

const PUNCH_CARD_WIDTH = 80;

/** Formats the value in place (and returns it). Idempotent; standard JSON stays standard. */
export function format(v: Value): Value {
  v.beforeExtra = formatExtra(v.beforeExtra, 0, {});
  v.beforeExtra = v.beforeExtra.slice(whitespaceLength(v.beforeExtra)); // never leading whitespace
  const needExpand = new Set<Composite>();
  const standard = isStandard(v);
  normalize(v);
  expandComposites(v, needExpand);
  formatWhitespace(v, 0, needExpand, standard);
  alignObjectValues(v);
  v.afterExtra = trimRightSpace(formatExtra(v.afterExtra ?? '', 0, {})) + '\n'; // exactly one final newline
  return updateOffsets(v);
}

/** Strings re-escaped minimally, empty composites emptied, space before colons and commas dropped. */
function normalize(v: Value): void {
  const t = v.value;
  if (t.type === 'literal') {
    if (t.text[0] === '"' && t.text.indexOf('\\') >= 0) v.value = literal(stringLiteral(literalText(t.text)));
    return;
  }
  if (lengthOf(t) === 0) {
    if (!hasComment(t.afterExtra)) t.afterExtra = '';
    return;
  }
  const children = childValues(t);
  for (const c of children) if (!hasComment(c.afterExtra)) c.afterExtra = null;
  children.forEach(normalize);
}

/**
 * Decides which objects and arrays are expanded: any newline after an opening bracket or comma or
 * before a closing one, or a line longer than 80 bytes. Returns the line lengths of the value.
 */
function expandComposites(v: Value, needExpand: Set<Composite>): LineStats {
  const t = v.value;
  if (t.type === 'literal') return { firstLength: t.text.length, lastLength: t.text.length, multiline: false };
  let expand = false;
  let lineLength = 0;
  const lineLengths: number[] = [];
  const update = (s: LineStats) => {
    lineLength += s.firstLength;
    if (s.multiline) {
      lineLengths.push(lineLength);
      lineLength = s.lastLength;
    }
  };
  lineLength += 1; // '{' or '['
  if (t.type === 'object') {
    for (const { name, value } of t.members) {
      expand = expand || hasNewline(name.beforeExtra);
      update(extraLineStats(name.beforeExtra));
      update(expandComposites(name, needExpand));
      update(extraLineStats(name.afterExtra));
      lineLength += 2; // ': '
      update(extraLineStats(value.beforeExtra));
      update(expandComposites(value, needExpand));
      update(extraLineStats(value.afterExtra));
      lineLength += 2; // ', '
    }
  } else {
    for (const value of t.elements) {
      expand = expand || hasNewline(value.beforeExtra);
      update(extraLineStats(value.beforeExtra));
      update(expandComposites(value, needExpand));
      update(extraLineStats(value.afterExtra));
      lineLength += 2;
    }
  }
  lineLength += 1; // '}' or ']'
  // (Go also tests "more than one member and multiline" here, but against stats not yet computed,
  // so that condition never holds; leaving it out keeps the output identical.)
  const last = lastValue(t);
  if (last) expand = expand || hasNewline(last.afterExtra);
  expand = expand || hasNewline(t.afterExtra);
  lineLengths.push(lineLength);
  let stats: LineStats = { firstLength: lineLengths[0], lastLength: lineLengths[lineLengths.length - 1], multiline: lineLengths.length > 1 };
  for (let i = 0; !expand && i < lineLengths.length; i++) expand = lineLengths[i] > PUNCH_CARD_WIDTH;
  if (expand) {
    stats = { firstLength: 1 + extraLineStats(beforeExtraAt(t, 0)).firstLength, lastLength: 1, multiline: true };
    needExpand.add(t);
  }
  return stats;
}

/** Indentation, line breaks and trailing commas. */
function formatWhitespace(v: Value, depth: number, needExpand: Set<Composite>, standard: boolean): void {
  const t = v.value;
  if (t.type === 'literal') return;
  const expand = needExpand.has(t);
  const inner = { removeLeadingEmptyLines: true, removeTrailingEmptyLines: true };
  if (t.type === 'object') {
    t.members.forEach(({ name, value }, i) => {
      name.beforeExtra = formatExtra(name.beforeExtra, depth + 1, { ensureLeadingNewline: expand, removeLeadingEmptyLines: i === 0, appendSpaceIfEmpty: i !== 0 });
      formatWhitespace(name, depth + 1, needExpand, standard);
      name.afterExtra = formatNullable(name.afterExtra, depth + 2, inner);
      value.beforeExtra = formatExtra(value.beforeExtra, depth + 2, { ...inner, appendSpaceIfEmpty: true });
      let offset = expand ? 1 : 0;
      if (hasNewline(name.afterExtra) || hasNewline(value.beforeExtra)) offset++;
      formatWhitespace(value, depth + offset, needExpand, standard);
      value.afterExtra = formatNullable(value.afterExtra, depth + 2, inner);
    });
  } else {
    t.elements.forEach((value, i) => {
      value.beforeExtra = formatExtra(value.beforeExtra, depth + 1, { ensureLeadingNewline: expand, removeLeadingEmptyLines: i === 0, appendSpaceIfEmpty: i !== 0 });
      formatWhitespace(value, depth + (expand ? 1 : 0), needExpand, standard);
      value.afterExtra = formatNullable(value.afterExtra, depth + 2, inner);
    });
  }
  t.afterExtra = formatExtra(t.afterExtra, depth + 1, {
    ensureTrailingNewline: expand,
    removeLeadingEmptyLines: lengthOf(t) === 0,
    removeTrailingEmptyLines: true,
    unindentLastLine: true,
  });
  const last = lastValue(t);
  const surroundedComma = last !== undefined && (last.afterExtra?.length ?? 0) > 0 && t.afterExtra.length > 0;
  if (!expand && !surroundedComma) setTrailingComma(t, false); // inline: no trailing comma
  else if (expand && !standard) setTrailingComma(t, true); // expanded: trailing comma unless standard JSON
}

/** Whether anything inside the value (or, with extras, around it) spans lines. */
function valueHasNewline(v: Value, withExtras: boolean): boolean {
  if (withExtras && (hasNewline(v.beforeExtra) || hasNewline(v.afterExtra))) return true;
  const t = v.value;
  return t.type !== 'literal' && childValues(t).some((c) => valueHasNewline(c, true));
}

/** Pads after the colon so that values of consecutive one-line members start in the same column. */
function alignObjectValues(v: Value): void {
  const t = v.value;
  if (t.type === 'literal') return;
  if (t.type === 'object') {
    let rows: { member: ObjectMember; length: number }[] = [];
    const alignRows = () => {
      const max = rows.reduce((m, r) => Math.max(m, r.length), 0);
      for (const r of rows) r.member.value.beforeExtra += ' '.repeat(max - r.length);
      rows = [];
    };
    for (const member of t.members) {
      const { name, value } = member;
      // The member must start on its own line and fit on it up to the comma.
      if (
        !hasNewline(name.beforeExtra) ||
        valueHasNewline(name, false) ||
        hasNewline(name.afterExtra) ||
        hasNewline(value.beforeExtra) ||
        valueHasNewline(value, false) ||
        hasNewline(value.afterExtra)
      ) {
        alignRows();
        continue;
      }
      if (countNewlines(name.beforeExtra) > 1) alignRows(); // a blank line or comment starts a new block
      const nameText = name.value.type === 'literal' ? name.value.text : '';
      rows.push({ member, length: nameText.length + (name.afterExtra?.length ?? 0) + 1 + value.beforeExtra.length });
    }
    alignRows();
  }
  childValues(t).forEach(alignObjectValues);
}
