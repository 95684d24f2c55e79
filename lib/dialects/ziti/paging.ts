// Paging of Edge Client API lists: the `limit`, `offset` and `filter` query parameters in,
// `meta.pagination` and `meta.filterableFields` out (envelope.ts has the `{data, meta}` envelope).
import { z } from 'zod';
import type { ListQuery, Page } from '../../domain/ziti/query';
import { envelope } from './envelope';
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

/** Any data with Ziti's pagination block and the fields the list's filter accepts. */
export function pagedEnvelope(data: unknown, page: Page<unknown>, filterableFields: string[]) {
  return envelope(data, { filterableFields, pagination: { limit: page.limit, offset: page.offset, totalCount: page.totalCount } });
}

/** A page of objects, each shaped for the wire. */
export function pageEnvelope<T>(page: Page<T>, shape: (item: T) => unknown, filterableFields: string[]) {
  return pagedEnvelope(page.items.map(shape), page, filterableFields);
}
