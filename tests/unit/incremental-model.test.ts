// The access model kept up to date incrementally (network-map.ts, access/peer-store.ts) equals a
// full rebuild after randomized sequences of changes, on a real SQLite database. The same runs on
// PostgreSQL in tests/resilience/incremental-model-db.test.ts.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openFuzzDb, runModelFuzz, type FuzzDb } from '../support/model-fuzz';

describe('incremental access model', () => {
  let f: FuzzDb;
  beforeAll(async () => {
    f = await openFuzzDb();
  });
  afterAll(() => f?.close());

  for (const seed of [1, 2, 3, 4]) {
    it(`equals a full rebuild after random changes (seed ${seed})`, () => runModelFuzz(f.db, seed, 40), 120_000);
  }
});
