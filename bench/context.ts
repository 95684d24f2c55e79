// What every benchmark gets: a running server on a seeded temporary database, and a token.
import type { Db } from '../lib/db/client';

export interface BenchContext {
  baseUrl: string;
  db: Db;
  /** Personal access token of the seeded account's owner. */
  token: string;
  accountId: string;
  ownerId: string;
  scale: number;
  /** Requests per figure (from --requests). */
  requests: number;
}

export interface Benchmark {
  name: string;
  about: string;
  /** Needs no server or database (runs without seeding when chosen alone). */
  inProcess?: boolean;
  run(ctx: BenchContext): Promise<import('./lib').Figure[]>;
}
