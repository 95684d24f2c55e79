// A case-insensitive "contains" filter that means the same on both databases: SQLite's LIKE ignores
// ASCII case already; PostgreSQL needs Prisma's insensitive mode.
import { dbConfig } from './config';
import type { Prisma } from './models';

export function containsText(v: string): Prisma.StringFilter {
  return (dbConfig().provider === 'postgresql' ? { contains: v, mode: 'insensitive' } : { contains: v }) as Prisma.StringFilter;
}
