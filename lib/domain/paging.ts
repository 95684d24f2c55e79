// Page numbers from users (`?page=`): every list that pages parses them here. Huge values must not
// reach the database as an offset (it overflows: a 500), so a page is a whole number from 1 to
// MAX_PAGE, and a page whose offset would still be too large is simply empty.
import { ValidationError } from './errors';

export const MAX_PAGE = 1_000_000;
/** Largest row offset sent to the database (a signed 32-bit integer for the ORM). */
const MAX_OFFSET = 2 ** 31 - 1;

/**
 * The 1-based page number in `raw`: 1 when absent or empty; a type error (400) when it is not a
 * whole number, a value error when it is below 1 or above MAX_PAGE.
 */
export function parsePage(raw: unknown, field = 'page'): number {
  if (raw === undefined || raw === null || raw === '') return 1;
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) n = Number(raw);
  else n = NaN;
  if (!Number.isInteger(n)) throw new ValidationError(`${field} must be a whole number`, 'type', field);
  if (n < 1 || n > MAX_PAGE) throw new ValidationError(`${field} must be between 1 and ${MAX_PAGE}`, 'value', field);
  return n;
}

/** The rows of page `page` of `size`, or null when the page lies beyond any offset worth asking for. */
export function pageWindow(page: number, size: number): { skip: number; take: number } | null {
  const skip = (page - 1) * size;
  return skip > MAX_OFFSET ? null : { skip, take: size };
}
