// Writing new JSON values into an existing HuJSON document in the document's own style: its
// indentation unit, line breaks and trailing-comma habit. Values go on one line when they fit
// (as hujsonfmt keeps short composites inline), otherwise one member or element per line.
import type { ByteString } from './bytes';
import { stringLiteral } from './quote';
import type { Value } from './types';

export interface RenderStyle {
  /** One level of indentation ('\t' or some spaces). */
  unit: ByteString;
  eol: '\n' | '\r\n';
  /** Whether expanded composites end with a trailing comma. */
  trailing: boolean;
  /** Lines longer than this (a tab counted as 4 columns) are expanded. */
  width: number;
}

export const isMultiLine = (s: ByteString): boolean => s.includes('\n');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(v: unknown): ByteString {
  if (typeof v === 'string') return stringLiteral(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

/** The value on one line: {"a": 1, "b": [2, 3]}. */
export function renderInline(v: unknown): ByteString {
  if (Array.isArray(v)) return '[' + v.map(renderInline).join(', ') + ']';
  if (isObject(v)) return '{' + Object.entries(v).map(([k, e]) => stringLiteral(k) + ': ' + renderInline(e)).join(', ') + '}';
  return scalar(v);
}

const columns = (s: ByteString): number => s.length + 3 * (s.match(/\t/g)?.length ?? 0);

/**
 * The value as it would be written starting after `prefixLen` bytes of a line indented by
 * `indent`: inline when it fits and `expand` is false, else one child per line.
 */
export function renderValue(v: unknown, indent: ByteString, style: RenderStyle, expand = false, prefixLen = 0): ByteString {
  const inline = renderInline(v);
  const composite = Array.isArray(v) ? v.length > 0 : isObject(v) && Object.keys(v).length > 0;
  if (!composite || (!expand && columns(indent) + prefixLen + inline.length <= style.width)) return inline;
  const inner = indent + style.unit;
  const lines = Array.isArray(v)
    ? v.map((e) => inner + renderValue(e, inner, style))
    : Object.entries(v as Record<string, unknown>).map(([k, e]) => {
        const head = stringLiteral(k) + ': ';
        return inner + head + renderValue(e, inner, style, false, head.length);
      });
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  return open + style.eol + lines.join(',' + style.eol) + (style.trailing ? ',' : '') + style.eol + indent + close;
}

/** The document's indentation unit, line break and trailing-comma habit. */
export function detectStyle(bs: ByteString, root: Value): RenderStyle {
  const eol = bs.includes('\r\n') ? '\r\n' : '\n';
  let unit: ByteString | null = null;
  for (const m of bs.matchAll(/\n([ \t]+)[^ \t\r\n]/g)) {
    const ws = m[1];
    if (ws[0] === '\t') {
      unit = '\t';
      break;
    }
    if (unit === null || ws.length < unit.length) unit = ws;
  }
  return { unit: unit ?? '\t', eol, trailing: usesTrailingCommas(root) ?? true, width: 100 };
}

/** Whether the document's multi-line composites end with trailing commas (undefined: none to judge by). */
function usesTrailingCommas(v: Value): boolean | undefined {
  const t = v.value;
  if (t.type === 'literal') return undefined;
  const kids = t.type === 'object' ? t.members.map((m) => m.value) : t.elements;
  const last = kids[kids.length - 1];
  if (last && (last.afterExtra !== null || t.afterExtra.includes('\n'))) return last.afterExtra !== null;
  for (const k of kids) {
    const found = usesTrailingCommas(k);
    if (found !== undefined) return found;
  }
  return undefined;
}

