// Lists of ids sent to the database in chunks. A query binds one parameter per id of an `in: [...]`
// list, and Prisma refuses a statement with more than its limit (999 on SQLite, 32,766 on
// PostgreSQL: error P2029) unless it can split the statement itself, which it does not for queries
// with an order, a distinct or two lists. Where a query cannot be shaped as a join or a filter by
// account instead, it goes through here: one query per chunk of at most CHUNK_SIZE ids.

/** Ids per query: well under SQLite's 999 with room for the query's other parameters. */
export const CHUNK_SIZE = 500;

/** `items` in consecutive slices of at most `size` (none for an empty list). */
export function chunks<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `query` once per chunk of `ids`, one after another (an interactive transaction has one
 * connection), and concatenates the rows in chunk order. An empty list runs no query. Callers
 * that need an order across chunks sort the result themselves.
 */
export async function inChunks<T, R>(ids: readonly T[], query: (chunk: T[]) => Promise<R[]>, size = CHUNK_SIZE): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(ids, size)) {
    const rows = await query(chunk);
    for (const row of rows) out.push(row);
  }
  return out;
}
