// inTransaction tells an interactive transaction from the client: shared caches (access model,
// peer store) must never be filled from inside one, where uncommitted rows are visible. Prisma 7's
// transaction client has a $transaction of its own, which an earlier test of it missed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, inTransaction } from '@/lib/db/client';

const dir = mkdtempSync(join(tmpdir(), 'meshdeck-in-tx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inTransaction', () => {
  it('is false for the client and true inside an interactive transaction', async () => {
    const db = await createDb({ provider: 'sqlite', file: join(dir, 'x.db') });
    try {
      expect(inTransaction(db)).toBe(false);
      expect(await db.$transaction(async (tx) => inTransaction(tx))).toBe(true);
    } finally {
      await db.$disconnect();
    }
  });
});
