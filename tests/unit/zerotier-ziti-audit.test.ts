// ZeroTier and Ziti writers record their own audit entries (and bump the serial) on the handle
// they are given: in a request's audit scope with its source, outside one as the system's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { loadInstallationSecrets } from '@/lib/domain/accounts/installation';
import type { Actor } from '@/lib/domain/actor';
import { withAuditScope } from '@/lib/domain/audit';
import { networkSerial } from '@/lib/domain/serial';
import { deleteMember, saveMember } from '@/lib/domain/zerotier/members';
import { deleteNetwork, saveNetwork } from '@/lib/domain/zerotier/networks';
import { nodeIdentity } from '@/lib/domain/zerotier/identity';
import { updateIptables, updateSettings } from '@/lib/domain/zerotier/node';
import { createIdentity, deleteIdentity, issueEnrollment } from '@/lib/domain/ziti/identities';

let db: Db;
let actor: Actor;
const root = join(import.meta.dirname, '../..');

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshdeck-zt-audit-'));
  const file = join(dir, 'd.db');
  await migrate({ provider: 'sqlite', file }, root);
  db = await createDb({ provider: 'sqlite', file });
  await loadInstallationSecrets(db, dir);
  const { account, owner } = await createAccountWithOwner(db, { name: 'a', domain: 'zt-audit.test', ownerEmail: 'o@zt-audit.test', ownerName: 'O', ownerPassword: 'zt-audit-password-1' });
  actor = { userId: owner.id, accountId: account.id, role: 'owner', name: owner.name, email: owner.email, via: 'token' };
});

const entries = async (since: Date) =>
  (await db.auditEvent.findMany({ where: { accountId: actor.accountId, timestamp: { gte: since } }, orderBy: [{ timestamp: 'asc' }, { id: 'asc' }] })).map((e) => ({
    code: e.activityCode,
    source: e.source,
    targetId: e.targetId,
    meta: JSON.parse(e.meta) as Record<string, unknown>,
  }));

describe('ZeroTier writers', () => {
  it('record a member, its authorization and its peer approval in order, with the scope source, and bump the serial', async () => {
    const { address } = await nodeIdentity(db);
    const since = new Date();
    const { network } = await withAuditScope({ source: 'zerotier' }, () => saveNetwork(db, actor, { kind: 'random', controller: address }, { name: 'n1' }));
    const serial = await networkSerial(db, actor.accountId);
    const member = 'aaaaaaaaaa';
    await withAuditScope({ source: 'zerotier' }, () => saveMember(db, actor, network.nwid, member, { authorized: true, name: 'm1' }));
    expect(await networkSerial(db, actor.accountId)).toBeGreaterThan(serial);
    const got = await entries(since);
    expect(got.map((e) => e.code)).toEqual(['zerotier.network.create', 'peer.user.add', 'zerotier.member.add', 'zerotier.member.authorize', 'peer.approve']);
    expect(got.every((e) => e.source === 'zerotier')).toBe(true);
    expect(got[2]).toMatchObject({ targetId: `${network.nwid}/${member}`, meta: { network_id: network.nwid, address: member } });
    expect(got[4].meta).toMatchObject({ zt_address: member, network_id: network.nwid, reason: 'authorized in a ZeroTier network' });

    const later = new Date(Date.now() + 1);
    await new Promise((r) => setTimeout(r, 2));
    await deleteMember(db, actor, network.nwid, member);
    await deleteNetwork(db, actor, network.nwid);
    // Outside a request: the system's entries.
    expect((await entries(later)).map((e) => [e.code, e.source])).toEqual([
      ['zerotier.member.delete', 'system'],
      ['peer.approval.revoke', 'system'],
      ['zerotier.network.delete', 'system'],
    ]);
  });

  it('record node settings and the iptables integration only when they change', async () => {
    const since = new Date();
    await updateSettings(db, actor, { primaryPort: 9994 });
    await updateSettings(db, actor, { primaryPort: 9994 });
    await updateIptables(db, actor, { enabled: true, udpPort: 9994 });
    await updateIptables(db, actor, { enabled: true });
    expect((await entries(since)).map((e) => [e.code, e.meta])).toEqual([
      ['zerotier.settings.update', { fields: ['primaryPort'] }],
      ['zerotier.iptables.update', { fields: ['iptablesEnabled', 'iptablesUdpPort'], enabled: true }],
    ]);
  });
});

describe('Ziti identity writers', () => {
  it('record a creation once (not its first enrollment), a new enrollment and a deletion', async () => {
    const since = new Date();
    const { identity } = await withAuditScope({ source: 'console' }, () => createIdentity(db, actor, { name: 'id1' }, { method: 'ott' }, 'https://meshdeck.test'));
    await withAuditScope({ source: 'console' }, () => issueEnrollment(db, actor, identity.id, { method: 'ott' }, 'https://meshdeck.test'));
    await withAuditScope({ source: 'console' }, () => deleteIdentity(db, actor, identity.id));
    expect((await entries(since)).map((e) => [e.code, e.source, e.targetId, e.meta])).toEqual([
      ['ziti.identity.create', 'console', identity.id, { name: 'id1', enrollment: 'ott' }],
      ['ziti.enrollment.create', 'console', identity.id, { method: 'ott' }],
      ['ziti.identity.delete', 'console', identity.id, { name: 'id1' }],
    ]);
  });
});
