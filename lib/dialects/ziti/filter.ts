// Ziti's filter language (the `filter` query parameter of every Edge Client API list), parsed into
// the domain's ListQuery (lib/domain/ziti/query.ts). Grammar, as OpenZiti's storage layer reads it:
//
//   query      := [expr] ["sort by" key ("," key)*] ["skip" N] ["limit" (N | "none")]
//   expr       := and ("or" and)*          and := unary ("and" unary)*
//   unary      := "not" unary | "(" expr ")" | "true" | "false" | comparison
//   comparison := field op value | field ["not"] (contains|icontains|startswith|endswith) value
//               | field ["not"] "in" "[" value ("," value)* "]" | field ["not"] "between" value "and" value
//               | field "is" ["not"] "null"
//   op         := = | != | < | <= | > | >=      value := "string" | number | true | false | null | datetime(...)
//   key        := field ["asc" | "desc"]
//
// Keywords are case-insensitive; strings are double-quoted with \" and \\ escapes.
import type { CompareOp, FilterExpr, FilterValue, ListQuery, SortKey } from '../../domain/ziti/query';
import { InvalidFilterError } from '../../domain/ziti/query';

type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'date'; v: Date; pos: number }
  | { t: 'punct'; v: string; pos: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null', 'contains', 'icontains', 'startswith', 'endswith', 'in', 'between', 'is', 'sort', 'by', 'asc', 'desc', 'skip', 'limit', 'none']);
const STRING_OPS = new Set(['contains', 'icontains', 'startswith', 'endswith']);
const MAX_FILTER = 4096;

function fail(message: string, pos?: number): never {
  throw new InvalidFilterError(pos === undefined ? `invalid filter: ${message}` : `invalid filter at position ${pos + 1}: ${message}`);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const start = i++;
      let s = '';
      for (;;) {
        if (i >= src.length) fail('unterminated string', start);
        const ch = src[i++];
        if (ch === '"') break;
        if (ch === '\\') {
          if (i >= src.length) fail('unterminated string', start);
          s += src[i++];
        } else s += ch;
      }
      out.push({ t: 'string', v: s, pos: start });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) fail(`unexpected ${JSON.stringify(c)}`, i);
      out.push({ t: 'number', v: Number(m[0]), pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      if (m[0].toLowerCase() === 'datetime' && src[i + m[0].length] === '(') {
        const close = src.indexOf(')', i);
        if (close < 0) fail('unterminated datetime(...)', i);
        const text = src.slice(i + m[0].length + 1, close).trim();
        const d = new Date(text);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(d.getTime())) fail(`invalid datetime ${JSON.stringify(text)} (RFC 3339 expected)`, i);
        out.push({ t: 'date', v: d, pos: i });
        i = close + 1;
      } else {
        out.push({ t: 'ident', v: m[0], pos: i });
        i += m[0].length;
      }
    } else {
      const two = src.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        out.push({ t: 'punct', v: two, pos: i });
        i += 2;
      } else if ('=<>()[],'.includes(c)) {
        out.push({ t: 'punct', v: c, pos: i++ });
      } else fail(`unexpected ${JSON.stringify(c)}`, i);
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[], private readonly end: number) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private pos(): number {
    return this.peek()?.pos ?? this.end;
  }

  /** True (and consumes it) when the next token is the keyword `kw`. */
  private keyword(kw: string, offset = 0): boolean {
    const t = this.toks[this.i + offset];
    return t?.t === 'ident' && t.v.toLowerCase() === kw;
  }

  private eatKeyword(kw: string): boolean {
    if (!this.keyword(kw)) return false;
    this.i++;
    return true;
  }

  private expectKeyword(kw: string) {
    if (!this.eatKeyword(kw)) fail(`expected "${kw}"`, this.pos());
  }

  private punct(p: string): boolean {
    const t = this.peek();
    if (t?.t !== 'punct' || t.v !== p) return false;
    this.i++;
    return true;
  }

  private atClause(): boolean {
    return this.keyword('sort') || this.keyword('skip') || this.keyword('limit');
  }

  parse(): ListQuery {
    const q: ListQuery = { sort: [] };
    if (this.peek() && !this.atClause()) q.filter = this.expr();
    if (this.eatKeyword('sort')) {
      this.expectKeyword('by');
      q.sort = this.sortKeys();
    }
    if (this.eatKeyword('skip')) q.skip = this.count('skip');
    if (this.eatKeyword('limit')) q.limit = this.eatKeyword('none') ? null : this.count('limit');
    if (this.peek()) fail(`unexpected ${JSON.stringify(this.describe(this.peek()!))}`, this.pos());
    return q;
  }

  private describe(t: Token): string {
    return t.t === 'date' ? t.v.toISOString() : String(t.v);
  }

  private count(what: string): number {
    const t = this.peek();
    if (t?.t !== 'number' || !Number.isInteger(t.v) || t.v < 0) fail(`${what} needs a whole number`, this.pos());
    this.i++;
    return t.v;
  }

  private sortKeys(): SortKey[] {
    const keys: SortKey[] = [];
    do {
      const field = this.field();
      const desc = this.eatKeyword('desc');
      if (!desc) this.eatKeyword('asc');
      keys.push({ field, desc });
    } while (this.punct(','));
    return keys;
  }

  private field(): string {
    const t = this.peek();
    if (t?.t !== 'ident' || KEYWORDS.has(t.v.toLowerCase())) fail('expected a field name', this.pos());
    this.i++;
    return t.v;
  }

  private expr(): FilterExpr {
    const items = [this.and()];
    while (this.eatKeyword('or')) items.push(this.and());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): FilterExpr {
    const items = [this.unary()];
    while (this.eatKeyword('and')) items.push(this.unary());
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private unary(): FilterExpr {
    if (this.eatKeyword('not')) return { kind: 'not', item: this.unary() };
    if (this.punct('(')) {
      const e = this.expr();
      if (!this.punct(')')) fail('expected ")"', this.pos());
      return e;
    }
    if (this.eatKeyword('true')) return { kind: 'const', value: true };
    if (this.eatKeyword('false')) return { kind: 'const', value: false };
    return this.comparison();
  }

  private comparison(): FilterExpr {
    const field = this.field();
    const not = (e: FilterExpr, negate: boolean): FilterExpr => (negate ? { kind: 'not', item: e } : e);
    if (this.eatKeyword('is')) {
      const negate = this.eatKeyword('not');
      this.expectKeyword('null');
      return not({ kind: 'isNull', field }, negate);
    }
    const negate = this.eatKeyword('not');
    const t = this.peek();
    if (t?.t === 'ident' && STRING_OPS.has(t.v.toLowerCase())) {
      this.i++;
      const value = this.value();
      if (typeof value !== 'string') fail(`${t.v.toLowerCase()} needs a string`, t.pos);
      return not({ kind: 'compare', field, op: t.v.toLowerCase() as CompareOp, value }, negate);
    }
    if (this.eatKeyword('in')) {
      if (!this.punct('[')) fail('expected "[" after in', this.pos());
      const values = [this.value()];
      while (this.punct(',')) values.push(this.value());
      if (!this.punct(']')) fail('expected "]"', this.pos());
      return not({ kind: 'in', field, values }, negate);
    }
    if (this.eatKeyword('between')) {
      const low = this.value();
      this.expectKeyword('and');
      return not({ kind: 'between', field, low, high: this.value() }, negate);
    }
    if (negate) fail('expected contains, icontains, startswith, endswith, in or between after "not"', this.pos());
    if (t?.t === 'punct' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      const value = this.value();
      if (value === null && t.v !== '=' && t.v !== '!=') fail(`null cannot be compared with ${t.v}`, t.pos);
      return { kind: 'compare', field, op: t.v as CompareOp, value };
    }
    fail(`expected an operator after ${field}`, this.pos());
  }

  private value(): FilterValue {
    const t = this.peek();
    if (!t) fail('expected a value', this.end);
    this.i++;
    if (t.t === 'string' || t.t === 'number' || t.t === 'date') return t.v;
    if (t.t === 'ident') {
      const k = t.v.toLowerCase();
      if (k === 'true') return true;
      if (k === 'false') return false;
      if (k === 'null') return null;
    }
    fail(`expected a value, found ${JSON.stringify(this.describe(t))}`, t.pos);
  }
}

/** Parses a `filter` parameter; an absent or blank filter is the empty query. */
export function parseFilter(src: string | null | undefined): ListQuery {
  if (!src || !src.trim()) return { sort: [] };
  if (src.length > MAX_FILTER) fail(`longer than ${MAX_FILTER} characters`);
  return new Parser(tokenize(src), src.length).parse();
}
