// What every benchmark gets: a running server on a seeded temporary database, and a token.
import type { Db } from '../lib/db/client';
import type { Sizes } from './sizes';

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
  /** Every other size (bench/sizes.ts): the full run's or --smoke's. */
  sizes: Sizes;
  /** The server process (its memory is read from /proc). */
  serverPid?: number;
}

export interface Benchmark {
  name: string;
  about: string;
  /** Another name that selects it (with others of the group): `npm run bench -- dataplane`. */
  group?: string;
  /** Needs no server or database (runs without seeding when chosen alone; gets only `sizes`). */
  inProcess?: boolean;
  run(ctx: BenchContext): Promise<import('./lib').Figure[]>;
}
