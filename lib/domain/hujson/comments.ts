// Which comments travel with a member or element when a patch inserts, removes, moves or copies
// it (Go's hujson rules). Comments before a member and comments right after it on its line belong
// to it; a blank line divides comments of the previous member from those of the next one. Comments
// between a name and its colon, the colon and the value, or the value and its comma are not moved.
import { countNewlines, whitespaceLength } from './bytes';
import { cloneTrimmed } from './pack';
import { commentLength, hasComment } from './format-extra';
import { type Composite, type Extra, type Value, type ValueTrimmed, beforeExtraAt, newValue, setBeforeExtraAt } from './types';

/** Splits extra between two values: b[:prevEnd] belongs to the previous one, b[currStart:] to the next. */
export function classifyComments(b: Extra): [prevEnd: number, currStart: number] {
  let firstDivider = 0;
  let lastDivider = 0;
  let dividers = 0;
  let n = 0;
  let prevNewline = 0;
  while (n < b.length) {
    const nw = whitespaceLength(b, n);
    if (prevNewline + countNewlines(b.slice(n, n + nw)) >= 2) {
      if (dividers === 0) firstDivider = n;
      lastDivider = n;
      dividers++;
    }
    n += nw;
    const nc = commentLength(b, n);
    if (nc <= 0) break;
    prevNewline = b[n + nc - 1] === '\n' ? 1 : 0;
    n += nc;
  }
  if (dividers > 0) return [firstDivider, lastDivider];
  // Without a divider, only a line comment on the first line belongs to the previous value.
  const nw = whitespaceLength(b);
  const end = nw + commentLength(b, nw);
  const head = b.slice(0, end);
  return countNewlines(head) === 1 && head.endsWith('\n') ? [end, end] : [0, 0];
}

/** The comments at the bottom of b (they belong to the value after b), and b without them. */
function extractLeading(b: Extra): [leading: Extra, rest: Extra] {
  const [, currStart] = classifyComments(b);
  const cut = currStart + whitespaceLength(b, currStart);
  return [b.slice(cut), b.slice(0, cut)];
}

function injectLeading(b: Extra, leading: Extra): Extra {
  if (leading.length === 0) return b;
  const [, currStart] = classifyComments(b);
  b = b.slice(0, currStart + whitespaceLength(b, currStart));
  leading = leading.slice(whitespaceLength(leading));
  if (leading.length > 0) {
    const i = b.lastIndexOf('\n');
    if (i < 0 || hasComment(b.slice(i))) b += '\n';
    b += leading;
  }
  return b;
}

/** The comments at the top of b (they belong to the value before b; null when none), and the rest. */
function extractTrailing(b: Extra): [trailing: Extra | null, rest: Extra] {
  let [prevEnd] = classifyComments(b);
  const trailing = b.slice(0, prevEnd);
  if (trailing.endsWith('\n')) prevEnd--; // the line break stays
  return [trailing || null, b.slice(prevEnd)];
}

function injectTrailing(b: Extra, trailing: Extra | null): Extra {
  if (!trailing) return b;
  let [prevEnd] = classifyComments(b);
  if (b.slice(0, prevEnd).endsWith('\n')) prevEnd--;
  b = b.slice(prevEnd);
  if (hasComment(trailing)) {
    if (trailing.endsWith('\n') && b.startsWith('\n')) trailing = trailing.slice(0, -1);
    b = trailing + b;
  }
  return b;
}

/** The comments a patch operation's "value" member carries (read from the patch document). */
export function valueComments(c: Composite, i: number): { beforeExtra: Extra; afterExtra: Extra | null } {
  return { beforeExtra: extractLeading(beforeExtraAt(c, i))[0], afterExtra: extractTrailing(beforeExtraAt(c, i + 1))[0] };
}

const getAt = (c: Composite, i: number): ValueTrimmed => (c.type === 'object' ? c.members[i].value.value : c.elements[i].value);

export function copyAt(c: Composite, i: number): Value {
  return { ...newValue(cloneTrimmed(getAt(c, i))), ...valueComments(c, i) };
}

export function replaceAt(c: Composite, i: number, v: Value): void {
  setBeforeExtraAt(c, i, injectLeading(beforeExtraAt(c, i), v.beforeExtra));
  setBeforeExtraAt(c, i + 1, injectTrailing(beforeExtraAt(c, i + 1), v.afterExtra));
  if (c.type === 'object') c.members[i].value.value = v.value;
  else c.elements[i].value = v.value;
}

/** Inserts v at i; for objects `name` is the new member's name literal. */
export function insertAt(c: Composite, i: number, v: Value, name?: Value): void {
  if (c.type === 'object') c.members.splice(i, 0, { name: name ?? newValue({ type: 'literal', text: '""' }), value: newValue(v.value) });
  else c.elements.splice(i, 0, newValue(v.value));
  const [trailing, rest] = extractTrailing(beforeExtraAt(c, i + 1));
  setBeforeExtraAt(c, i + 1, rest);
  setBeforeExtraAt(c, i, injectTrailing(beforeExtraAt(c, i), trailing));
  setBeforeExtraAt(c, i, injectLeading(beforeExtraAt(c, i), v.beforeExtra));
  setBeforeExtraAt(c, i + 1, injectTrailing(beforeExtraAt(c, i + 1), v.afterExtra));
}

/** Removes the member/element at i and returns it with the comments that belong to it. */
export function removeAt(c: Composite, i: number): Value {
  const [leading, before] = extractLeading(beforeExtraAt(c, i));
  setBeforeExtraAt(c, i, before);
  const [trailing, after] = extractTrailing(beforeExtraAt(c, i + 1));
  setBeforeExtraAt(c, i + 1, after);
  // Comments left above the removed value (belonging to the one before it) are kept.
  const kept = beforeExtraAt(c, i);
  if (hasComment(kept)) {
    const next = beforeExtraAt(c, i + 1);
    setBeforeExtraAt(c, i + 1, kept + next.slice(whitespaceLength(next)));
  }
  const removed = c.type === 'object' ? c.members.splice(i, 1)[0].value.value : c.elements.splice(i, 1)[0].value;
  return { ...newValue(removed), beforeExtra: leading, afterExtra: trailing };
}
