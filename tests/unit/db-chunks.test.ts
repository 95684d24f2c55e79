// lib/db/chunks.ts: lists of ids split into queries of at most CHUNK_SIZE, against a real SQLite file
// where one query with a parameter per id is refused (P2029).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, chunks, inChunks } from '@/lib/db/chunks';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { newId } from '@/lib/domain/ids';

describe('chunks', () => {
  it('splits in order into slices of at most the size, the last one shorter', () => {
    expect(chunks([], 3)).toEqual([]);
    expect(chunks([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(chunks([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const big = Array.from({ length: 2 * CHUNK_SIZE + 1 }, (_, i) => i);
    expect(chunks(big).map((c) => c.length)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 1]);
    expect(chunks(big).flat()).toEqual(big);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => chunks([1], 0)).toThrow(RangeError);
    expect(() => chunks([1], 1.5)).toThrow(RangeError);
  });
});

describe('inChunks', () => {
  it('runs one query per chunk, one at a time, and concatenates the rows in chunk order', async () => {
    const seen: number[][] = [];
    let running = 0;
    const rows = await inChunks(
      [1, 2, 3, 4, 5],
      async (chunk) => {
        expect(++running).toBe(1);
        seen.push(chunk);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return chunk.map((n) => n * 10);
      },
      2,
    );
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
    expect(rows).toEqual([10, 20, 30, 40, 50]);
  });

  it('runs no query for no ids', async () => {
    let calls = 0;
    expect(await inChunks([], async () => [++calls])).toEqual([]);
    expect(calls).toBe(0);
  });

  describe('on SQLite', () => {
    let db: Db;
    let accountId = '';
    const ids = Array.from({ length: 3 * CHUNK_SIZE + 7 }, () => newId());

    beforeAll(async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'meshdeck-chunks-')), 'd.db');
      await migrate({ provider: 'sqlite', file }, join(import.meta.dirname, '../..'));
      db = await createDb({ provider: 'sqlite', file });
      accountId = (await createAccountWithOwner(db, { name: 'c', domain: 'chunks.test', ownerEmail: 'o@chunks.test', ownerName: 'O', ownerPassword: 'owner-password-123' })).account.id;
      await db.group.createMany({ data: ids.map((id, i) => ({ id, accountId, name: `g${i}` })) });
    });

    it('reads every row of a list one query could not bind', async () => {
      // The shape that failed in GET /api/agent/sync: a parameter per id, and an order.
      const oneQuery = db.group.findMany({ where: { accountId, id: { in: ids } }, orderBy: { name: 'asc' } });
      await expect(oneQuery).rejects.toMatchObject({ code: 'P2029' });
      const rows = await inChunks(ids, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } }));
      expect(rows).toHaveLength(ids.length);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    });
  });
});
