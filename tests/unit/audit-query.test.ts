// The console's audit log filters against a real SQLite file: activity, initiator, UTC days, a
// literal case-insensitive search, paging, and other accounts' events never showing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import type { Actor } from '@/lib/domain/actor';
import { auditFilterChoices, auditFilterFrom, queryAuditEvents } from '@/lib/domain/audit-query';
import { newId } from '@/lib/domain/ids';

let db: Db;
let me: Actor;
const root = join(import.meta.dirname, '../..');

async function event(accountId: string, at: string, code: string, who: { id: string; email: string }, meta: object = {}) {
  await db.auditEvent.create({
    data: { id: newId(), accountId, timestamp: new Date(at), activityCode: code, activity: code.replace(/\./g, ' '), initiatorId: who.id, initiatorName: who.id, initiatorEmail: who.email, meta: JSON.stringify(meta), source: 'console' },
  });
}

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'meshdeck-audit-')), 'd.db');
  await migrate({ provider: 'sqlite', file }, root);
  db = await createDb({ provider: 'sqlite', file });
  const a = await createAccountWithOwner(db, { name: 'a', domain: 'aq.test', ownerEmail: 'o@aq.test', ownerName: 'A', ownerPassword: 'password-a-123' });
  const b = await createAccountWithOwner(db, { name: 'b', domain: 'bq.test', ownerEmail: 'o@bq.test', ownerName: 'B', ownerPassword: 'password-b-123' });
  me = { userId: a.owner.id, accountId: a.account.id, role: 'owner', email: 'o@aq.test', name: 'A', via: 'session' };
  await db.auditEvent.deleteMany({});
  const alice = { id: 'u-alice', email: 'alice@aq.test' };
  const bob = { id: 'u-bob', email: 'bob@aq.test' };
  await event(a.account.id, '2026-03-01T10:00:00Z', 'group.add', alice, { name: 'Servers' });
  await event(a.account.id, '2026-03-01T23:59:59Z', 'group.delete', bob, { name: 'servers' });
  await event(a.account.id, '2026-03-02T00:00:00Z', 'setupkey.add', alice, { name: '100%_keys' });
  await event(a.account.id, '2026-03-03T08:00:00Z', 'group.add', bob, { name: 'laptops' });
  await event(b.account.id, '2026-03-01T12:00:00Z', 'group.add', { id: 'u-eve', email: 'eve@bq.test' }, { name: 'servers' });
});

const codes = async (params: Record<string, string>, page = { skip: 0, take: 50 }) => (await queryAuditEvents(db, me, auditFilterFrom(params), page)).events.map((e) => `${e.activityCode}@${e.timestamp.toISOString().slice(0, 10)}`);

describe('audit log filters', () => {
  it('lists the account’s own events, newest first, without filters', async () => {
    expect(await codes({})).toEqual(['group.add@2026-03-03', 'setupkey.add@2026-03-02', 'group.delete@2026-03-01', 'group.add@2026-03-01']);
  });

  it('filters by activity and initiator', async () => {
    expect(await codes({ activity: 'group.add' })).toEqual(['group.add@2026-03-03', 'group.add@2026-03-01']);
    expect(await codes({ initiator: 'u-bob' })).toEqual(['group.add@2026-03-03', 'group.delete@2026-03-01']);
    expect(await codes({ activity: 'group.add', initiator: 'u-alice' })).toEqual(['group.add@2026-03-01']);
  });

  it('takes whole UTC days, both ends included', async () => {
    expect(await codes({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['group.delete@2026-03-01', 'group.add@2026-03-01']);
    expect(await codes({ from: '2026-03-02' })).toEqual(['group.add@2026-03-03', 'setupkey.add@2026-03-02']);
    expect(await codes({ to: '2026-03-02' })).toHaveLength(3);
    // Malformed dates are ignored rather than matching nothing.
    expect(auditFilterFrom({ from: '2026-13-45', to: 'yesterday' })).toEqual({ activityCode: undefined, initiatorId: undefined, from: undefined, to: undefined, search: undefined });
  });

  it('searches literally and case-insensitively', async () => {
    expect(await codes({ q: 'SERVERS' })).toEqual(['group.delete@2026-03-01', 'group.add@2026-03-01']);
    expect(await codes({ q: '%_' })).toEqual(['setupkey.add@2026-03-02']);
    expect(await codes({ q: 'bob@' })).toHaveLength(2);
    expect(await codes({ q: 'eve' })).toEqual([]);
  });

  it('pages, with and without a search', async () => {
    expect(await queryAuditEvents(db, me, {}, { skip: 0, take: 3 })).toMatchObject({ more: true });
    expect((await queryAuditEvents(db, me, {}, { skip: 3, take: 3 })).events).toHaveLength(1);
    const second = await queryAuditEvents(db, me, { search: 'group' }, { skip: 1, take: 1 });
    expect(second.more).toBe(true);
    expect(second.events.map((e) => e.activityCode)).toEqual(['group.delete']);
  });

  it('offers the activities and initiators of the account only', async () => {
    const c = await auditFilterChoices(db, me);
    expect(c.activities.map((a) => a.code)).toEqual(['group.add', 'group.delete', 'setupkey.add']);
    expect(c.initiators).toEqual([
      { id: 'u-alice', label: 'alice@aq.test' },
      { id: 'u-bob', label: 'bob@aq.test' },
    ]);
  });
});
