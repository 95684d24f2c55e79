// Upgrading to accounts with people (migration *_tenants): each user's password moves to their
// person, the first start's owner becomes the first operator, and user emails become unique per
// account instead of installation-wide. Run on SQLite with the committed migration files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrationsDir, readMigrations } from '@/lib/db/migrate';

const root = join(import.meta.dirname, '../..');

describe('the tenants migration', () => {
  it('keeps every password, names the bootstrap owner operator and allows one email in two accounts', () => {
    const all = readMigrations(migrationsDir('sqlite', root));
    const at = all.findIndex((m) => m.name.endsWith('_tenants'));
    expect(at).toBeGreaterThan(0);
    const db = new Database(join(mkdtempSync(join(tmpdir(), 'md-tenants-')), 'db.sqlite'));
    for (const m of all.slice(0, at)) db.exec(m.sql);
    db.exec(`INSERT INTO "Account" ("id", "name", "domain") VALUES ('acc1', 'One', 'one.test')`);
    db.exec(`INSERT INTO "User" ("id", "accountId", "email", "name", "role", "issued") VALUES ('u1', 'acc1', 'boss@one.test', 'Boss', 'owner', 'bootstrap'), ('u2', 'acc1', 'staff@one.test', 'Staff', 'admin', 'api'), ('u3', 'acc1', 'oidc@one.test', 'Oidc', 'user', 'jwt')`);
    db.exec(`INSERT INTO "Credential" ("userId", "passwordHash", "updatedAt") VALUES ('u1', '$2b$11$hash-one', CURRENT_TIMESTAMP), ('u2', '$2b$11$hash-two', CURRENT_TIMESTAMP)`);
    for (const m of all.slice(at)) db.exec(m.sql);
    expect(db.prepare(`SELECT "email", "passwordHash", "operator" FROM "Person" ORDER BY "email"`).all()).toEqual([
      { email: 'boss@one.test', passwordHash: '$2b$11$hash-one', operator: 1 },
      { email: 'staff@one.test', passwordHash: '$2b$11$hash-two', operator: 0 },
    ]);
    expect(db.prepare(`SELECT "status", "peerQuota" FROM "Account"`).get()).toEqual({ status: 'active', peerQuota: null });
    db.exec(`INSERT INTO "Account" ("id", "name", "domain") VALUES ('acc2', 'Two', 'two.test')`);
    db.exec(`INSERT INTO "User" ("id", "accountId", "email", "name") VALUES ('u4', 'acc2', 'staff@one.test', 'Staff')`);
    expect(() => db.exec(`INSERT INTO "User" ("id", "accountId", "email", "name") VALUES ('u5', 'acc2', 'staff@one.test', 'Again')`)).toThrow(/UNIQUE/);
    db.close();
  });
});
