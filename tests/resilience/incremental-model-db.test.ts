// The incremental access model equals a full rebuild after random changes, on the database
// DATABASE_URL names: CI runs this project on SQLite and on PostgreSQL, where the peer change
// journal reads by transaction id instead of sequence (lib/domain/access/peer-journal.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { peerSnapshot } from '@/lib/domain/access/peer-store';
import { newId } from '@/lib/domain/ids';
import { openFuzzDb, runModelFuzz, type FuzzDb } from '../support/model-fuzz';

const pg = !!process.env.DATABASE_URL?.startsWith('postgres');

describe(`incremental access model on ${pg ? 'PostgreSQL' : 'SQLite'}`, () => {
  let f: FuzzDb;
  beforeAll(async () => {
    f = await openFuzzDb();
  });
  afterAll(() => f?.close());

  for (const seed of [11, 12, 13]) {
    it(`equals a full rebuild after random changes (seed ${seed})`, () => runModelFuzz(f.db, seed, 40));
  }

  // PostgreSQL hands out sequence numbers before commit: a write that commits late must still reach
  // a store that already read a later one. (SQLite has one writer at a time: it cannot happen there.)
  it.runIf(pg)('a transaction that commits after a later one was read is not missed', async () => {
    const { db } = f;
    const { account } = await createAccountWithOwner(db, { name: 'late', domain: 'late.test', ownerEmail: 'owner@late.test', ownerName: 'O', ownerPassword: 'late-owner-password-1' });
    const mk = (name: string) => db.peer.create({ data: { id: newId(), accountId: account.id, name, hostname: name, dnsLabel: name, ip: `100.64.9.${name.length}${name === 'x' ? 1 : 2}`, wgPubKey: name } });
    const [x, y] = [await mk('x'), await mk('yy')];
    await peerSnapshot(db, account.id);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let updated!: () => void;
    const wrote = new Promise<void>((r) => (updated = r));
    // A writes first (its journal row gets the lower seq) but commits last.
    const slow = db.$transaction(async (tx) => {
      await tx.peer.update({ where: { id: x.id }, data: { name: 'x-late' } });
      updated();
      await held;
    }, { timeout: 30_000 });
    await wrote;
    await db.peer.update({ where: { id: y.id }, data: { name: 'yy-early' } });
    const mid = await peerSnapshot(db, account.id);
    expect(mid.byId.get(y.id)?.name).toBe('yy-early');
    expect(mid.byId.get(x.id)?.name).toBe('x');
    release();
    await slow;
    expect((await peerSnapshot(db, account.id)).byId.get(x.id)?.name).toBe('x-late');
  });
});
