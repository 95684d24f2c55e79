// A list query of the Edge Client API in domain terms: a boolean filter over named fields, a sort
// order and a page. lib/dialects/ziti/filter.ts parses Ziti's filter language into this; the
// services here apply it to rows they have already scoped to the caller's account.
import { CodedError, ValidationError } from '../errors';

export type FilterValue = string | number | boolean | null | Date;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'icontains' | 'startswith' | 'endswith';

export type FilterExpr =
  | { kind: 'const'; value: boolean }
  | { kind: 'and' | 'or'; items: FilterExpr[] }
  | { kind: 'not'; item: FilterExpr }
  | { kind: 'compare'; field: string; op: CompareOp; value: FilterValue }
  | { kind: 'in'; field: string; values: FilterValue[] }
  | { kind: 'between'; field: string; low: FilterValue; high: FilterValue }
  | { kind: 'isNull'; field: string };

export interface SortKey {
  field: string;
  desc: boolean;
}

export interface ListQuery {
  filter?: FilterExpr;
  sort: SortKey[];
  /** From the filter's `skip` / `limit` (`limit none` = null: no limit). */
  skip?: number;
  limit?: number | null;
}

/** Ziti's defaults: pages of 10, at most 500 items per page. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 500;

/** What a list of objects offers to filter and sort on: field name -> value of a row. */
export type Fields<T> = Record<string, (row: T) => unknown>;

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  totalCount: number;
}

/** A filter that does not parse or names fields the list does not have: Ziti's INVALID_FILTER (400). */
export class InvalidFilterError extends CodedError {
  constructor(message: string) {
    super(400, 'INVALID_FILTER', message);
  }
}

export function fieldsOf(expr: FilterExpr | undefined, out = new Set<string>()): Set<string> {
  if (!expr) return out;
  switch (expr.kind) {
    case 'const':
      break;
    case 'and':
    case 'or':
      for (const e of expr.items) fieldsOf(e, out);
      break;
    case 'not':
      fieldsOf(expr.item, out);
      break;
    default:
      out.add(expr.field);
  }
  return out;
}

function comparable(v: unknown): string | number | boolean | null {
  if (v instanceof Date) return v.getTime();
  if (v === undefined) return null;
  return v as string | number | boolean | null;
}

function order(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function compareOne(actual: unknown, op: CompareOp, expected: FilterValue): boolean {
  if (expected === null) return op === '=' ? actual == null : op === '!=' ? actual != null : false;
  if (actual == null) return op === '!=';
  switch (op) {
    case '=':
      return order(actual, expected) === 0;
    case '!=':
      return order(actual, expected) !== 0;
    case '<':
      return order(actual, expected) < 0;
    case '<=':
      return order(actual, expected) <= 0;
    case '>':
      return order(actual, expected) > 0;
    case '>=':
      return order(actual, expected) >= 0;
    case 'contains':
      return String(actual).includes(String(expected));
    case 'icontains':
      return String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case 'startswith':
      return String(actual).startsWith(String(expected));
    case 'endswith':
      return String(actual).endsWith(String(expected));
  }
}

/** List-valued fields (role attributes) match when any element matches, as Ziti's anyOf(). */
function any(actual: unknown, test: (v: unknown) => boolean): boolean {
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

export function matches<T>(expr: FilterExpr, row: T, fields: Fields<T>): boolean {
  const get = (f: string) => fields[f](row);
  switch (expr.kind) {
    case 'const':
      return expr.value;
    case 'and':
      return expr.items.every((e) => matches(e, row, fields));
    case 'or':
      return expr.items.some((e) => matches(e, row, fields));
    case 'not':
      return !matches(expr.item, row, fields);
    case 'compare': {
      const actual = get(expr.field);
      // `!=` on a list: no element equals the value.
      if (expr.op === '!=' && Array.isArray(actual)) return !actual.some((v) => compareOne(v, '=', expr.value));
      return any(actual, (v) => compareOne(v, expr.op, expr.value));
    }
    case 'in':
      return any(get(expr.field), (v) => expr.values.some((x) => compareOne(v, '=', x)));
    case 'between':
      return any(get(expr.field), (v) => compareOne(v, '>=', expr.low) && compareOne(v, '<', expr.high));
    case 'isNull': {
      const v = get(expr.field);
      return v == null || (Array.isArray(v) && v.length === 0);
    }
  }
}

/**
 * Applies a query to rows: filter, sort (then by id, so pages are stable), page. `offset`/`limit`
 * from the URL win over the filter's `skip`/`limit` when given.
 */
export function applyQuery<T extends { id: string }>(
  rows: T[],
  fields: Fields<T>,
  query: ListQuery,
  page: { offset?: number; limit?: number } = {},
): Page<T> {
  for (const f of [...fieldsOf(query.filter), ...query.sort.map((s) => s.field)]) {
    if (!Object.hasOwn(fields, f)) throw new InvalidFilterError(`unknown field ${JSON.stringify(f)}; filterable fields: ${Object.keys(fields).join(', ')}`);
  }
  const kept = query.filter ? rows.filter((r) => matches(query.filter!, r, fields)) : [...rows];
  const keys = [...query.sort, ...(query.sort.some((s) => s.field === 'id') ? [] : [{ field: 'id', desc: false }])];
  kept.sort((a, b) => {
    for (const k of keys) {
      const c = order(k.field === 'id' && !fields.id ? a.id : fields[k.field](a), k.field === 'id' && !fields.id ? b.id : fields[k.field](b));
      if (c) return k.desc ? -c : c;
    }
    return 0;
  });
  const offset = page.offset ?? query.skip ?? 0;
  const requested = page.limit ?? (query.limit === null ? MAX_LIMIT : query.limit) ?? DEFAULT_LIMIT;
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset must be a whole number of 0 or more', 'value', 'offset');
  if (!Number.isInteger(requested) || requested < 1) throw new ValidationError('limit must be a whole number of 1 or more', 'value', 'limit');
  const limit = Math.min(requested, MAX_LIMIT);
  return { items: kept.slice(offset, offset + limit), offset, limit, totalCount: kept.length };
}
