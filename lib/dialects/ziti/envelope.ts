// Ziti's response envelope `{data, meta}` and the fields every Edge API entity carries.
/** The `meta` every Edge API answer carries (errors too: lib/http/dialects/ziti.ts). */
export const ZITI_META = { apiVersion: '0.0.1', apiEnrollmentVersion: '0.0.1' };

export const envelope = (data: unknown, meta: Record<string, unknown> = {}) => ({ data, meta: { ...ZITI_META, ...meta } });

/** `{data: {}, meta}`: Ziti's answer to writes that return nothing. */
export const emptyEnvelope = () => envelope({});

export interface Page {
  limit: number;
  offset: number;
  totalCount: number;
}

export const listEnvelope = (items: unknown[], page: Page = { limit: items.length, offset: 0, totalCount: items.length }) =>
  envelope(items, { pagination: page, filterableFields: [] });

/** Ziti's links are relative to the API base path ("./services/<id>"). */
export const link = (path: string) => ({ href: `./${path.replace(/^\.?\//, '')}` });

/** baseEntity: id, createdAt, updatedAt, _links (self), tags. */
export function baseEntity(row: { id: string; createdAt: Date; updatedAt?: Date }, selfPath: string, tags: Record<string, unknown> = {}) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (row.updatedAt ?? row.createdAt).toISOString(),
    _links: { self: link(selfPath) },
    tags,
  };
}

/** entityRef: a reference to another entity. */
export const entityRef = (entity: string, id: string, name: string, path = `${entity}s/${id}`) => ({ entity, id, name, _links: { self: link(path) } });

/** createLocation: what Ziti answers to a create. */
export const createLocation = (id: string, path: string) => ({ id, _links: { self: link(path) } });
