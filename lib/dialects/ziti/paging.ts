// Paging and the `{data, meta}` envelope of Edge Client API lists: `limit`, `offset` and `filter`
// query parameters in, `meta.pagination` and `meta.filterableFields` out.
import { z } from 'zod';
import type { ListQuery, Page } from '../../domain/ziti/query';
import { ZITI_META } from './dialect';
import { parseFilter } from './filter';

const whole = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .optional();

/** The query parameters every list takes. Others (configTypes, roleFilter...) are read by their routes. */
export const listParams = z.looseObject({ limit: whole('limit'), offset: whole('offset'), filter: z.string().optional() });

export type ListParams = z.infer<typeof listParams>;

export interface ListRequest {
  query: ListQuery;
  page: { offset?: number; limit?: number };
}

export function listRequest(params: ListParams): ListRequest {
  return { query: parseFilter(params.filter), page: { offset: params.offset, limit: params.limit } };
}

/** One object: `{data, meta}`. */
export function envelope(data: unknown) {
  return { data, meta: ZITI_META };
}

/** Any data with Ziti's pagination block and the fields the list's filter accepts. */
export function pagedEnvelope(data: unknown, page: Page<unknown>, filterableFields: string[]) {
  return { data, meta: { ...ZITI_META, filterableFields, pagination: { limit: page.limit, offset: page.offset, totalCount: page.totalCount } } };
}

/** A page of objects, each shaped for the wire. */
export function listEnvelope<T>(page: Page<T>, shape: (item: T) => unknown, filterableFields: string[]) {
  return pagedEnvelope(page.items.map(shape), page, filterableFields);
}

/** What Ziti returns for a successful update or delete: an empty object. */
export const emptyEnvelope = () => ({ data: {}, meta: ZITI_META });

/** Ziti's `_links` block: `self` plus any related lists, relative to the API's base path. */
export function links(collection: string, id: string, related: string[] = []) {
  const out: Record<string, { href: string }> = { self: { href: `./${collection}/${id}` } };
  for (const r of related) out[r] = { href: `./${collection}/${id}/${r}` };
  return out;
}
