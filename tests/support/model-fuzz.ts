// Randomized sequences of changes to a real database (peers, memberships, groups, policies with drop
// rules and posture checks, posture results, users' status, the ACL document), each followed by a
// comparison: the shared access model — updated incrementally from the previous one and the
// in-memory peer store — must equal a model rebuilt from scratch, for every peer, and the store must
// equal a full read. Used by tests/unit (SQLite) and tests/resilience (SQLite and PostgreSQL).
import { expect } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { dbConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { peerSnapshot, forgetPeerStores } from '@/lib/domain/access/peer-store';
import { allGroupId } from '@/lib/domain/groups/all-group';
import { newId } from '@/lib/domain/ids';
import { intToIpv4, parseIpv4Cidr } from '@/lib/domain/peers/ipam';
import { jsonList } from '@/lib/domain/json';
import { accessModel, type EffectiveAccess } from '@/lib/domain/access/network-map';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { createTempDb, type TempDb } from './temp-db';

const ACL_TEXTS = [
  null, // no document: Tailscale's default, allow all
  '{"acls": []}',
  '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:22"]}]}',
  '{"acls": [{"action": "accept", "src": ["100.64.0.0/28"], "dst": ["100.64.0.0/26:80,443"]}]}',
  '{"groups": {"group:ops": ["OWNER"]}, "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["*:*"]}], "ssh": [{"action": "accept", "src": ["group:ops"], "dst": ["autogroup:self"], "users": ["root"]}]}',
];

/** A small seeded pseudo-random generator: a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

export interface FuzzDb {
  db: Db;
  temp: TempDb;
  close(): Promise<void>;
}

export async function openFuzzDb(): Promise<FuzzDb> {
  const temp = await createTempDb('meshdeck-fuzz-');
  const env = { ...process.env, DATABASE_URL: temp.databaseUrl, MESHDECK_DATA_DIR: temp.dataDir };
  const cfg = dbConfig(env);
  await migrate(cfg);
  const db = await createDb(cfg);
  return { db, temp, close: async () => (await db.$disconnect(), await temp.drop()) };
}

/** Everything a peer's map holds, in a form two models can be compared by. */
function mapOf(model: EffectiveAccess, peerId: string) {
  const a = model.access(peerId);
  // The list agent maps are serialized from holds the same peers (and maybe the peer itself).
  const shared = model.visibleList(peerId);
  expect((shared?.ids ?? []).filter((id) => id !== peerId).sort()).toEqual([...a.peerIds].sort());
  return { peers: [...a.peerIds].sort(), filter: JSON.stringify(a.filter), count: model.visibleCount(peerId), ssh: JSON.stringify(model.ssh(peerId)) };
}

export async function runModelFuzz(db: Db, seed: number, steps: number): Promise<void> {
  const r = rng(seed);
  const { account, owner } = await createAccountWithOwner(db, { name: 'fuzz', domain: `fuzz${seed}.test`, ownerEmail: `owner-${seed}@fuzz.test`, ownerName: 'Owner', ownerPassword: 'fuzz-owner-password-1' });
  const accountId = account.id;
  const range = parseIpv4Cidr('100.64.0.0/10')!;
  const users = [owner.id];
  for (let i = 0; i < 2; i++) users.push((await db.user.create({ data: { id: newId(), accountId, email: `u${i}-${seed}@fuzz.test`, name: `u${i}`, role: 'user' } })).id);
  const groups: string[] = [];
  let made = 0;
  const newGroup = async () => groups.push((await db.group.create({ data: { id: newId(), accountId, name: `g${made++}` } })).id);
  for (let i = 0; i < 4; i++) await newGroup();
  let n = 0;
  const newPeer = async () => {
    const id = newId();
    await db.peer.create({
      data: {
        id, accountId, name: `p${n}`, hostname: `p${n}`, dnsLabel: `p${n}-${id.slice(-6)}`, ip: intToIpv4(range.first + 1 + n), ipv6: `fd7a:115c:a1e0::${(n + 1).toString(16)}`,
        wgPubKey: `k${id}`, userId: r.next() < 0.5 ? r.pick(users) : '', version: r.pick(['0.50.0', '0.60.0']), approvalRequired: r.next() < 0.1,
        tags: r.next() < 0.2 ? '["tag:web"]' : '[]',
      },
    });
    n++;
    for (const g of groups) if (r.next() < 0.3) await db.groupPeer.create({ data: { groupId: g, peerId: id } });
  };
  for (let i = 0; i < 24; i++) await newPeer();
  const check = await db.postureCheck.create({ data: { id: newId(), accountId, name: 'min-version', checks: JSON.stringify({ nb_version_check: { min_version: '0.55.0' } }) } });
  const all = (await allGroupId(db, accountId))!;
  const newPolicy = async () => {
    const action = r.next() < 0.25 ? 'drop' : 'accept';
    const ports = r.next() < 0.5 ? jsonList([r.pick(['22', '80', '443'])]) : '[]';
    await db.policy.create({
      data: {
        id: newId(), accountId, name: `pol-${made++}`, sourcePostureChecks: r.next() < 0.3 ? jsonList([check.id]) : '[]',
        rules: { create: [{ id: newId(), name: 'r', action, bidirectional: r.next() < 0.5, protocol: ports === '[]' ? r.pick(['all', 'tcp', 'icmp']) : 'tcp', ports,
          sources: jsonList([r.pick([all, ...groups])]), destinations: jsonList([r.pick([all, ...groups])]) }] },
      },
    });
  };
  for (let i = 0; i < 3; i++) await newPolicy();
  await bumpNetworkSerial(db, accountId);

  const peerIds = async () => (await db.peer.findMany({ where: { accountId }, select: { id: true } })).map((p) => p.id);
  const changes: Array<[string, () => Promise<unknown>]> = [
    ['rename a peer', async () => db.peer.update({ where: { id: r.pick(await peerIds()) }, data: { name: `renamed-${r.int(1e6)}` } })],
    ['move a peer to another address', async () => db.peer.update({ where: { id: r.pick(await peerIds()) }, data: { ip: intToIpv4(range.first + 1000 + r.int(1e5)) } })],
    ['approve or unapprove a peer', async () => db.peer.update({ where: { id: r.pick(await peerIds()) }, data: { approvalRequired: r.next() < 0.3 } })],
    ['tag or untag a peer', async () => db.peer.update({ where: { id: r.pick(await peerIds()) }, data: { tags: r.next() < 0.5 ? '["tag:web"]' : '[]' } })],
    ['change a peer’s posture (agent version)', async () => db.peer.update({ where: { id: r.pick(await peerIds()) }, data: { version: r.pick(['0.50.0', '0.60.0']) } })],
    ['add a peer', newPeer],
    ['delete a peer', async () => db.peer.delete({ where: { id: r.pick(await peerIds()) } })],
    ['raw SQL update of a peer', async () => db.$executeRawUnsafe(dbConfig().provider === 'postgresql' ? 'UPDATE "Peer" SET "approvalRequired" = NOT "approvalRequired" WHERE "id" = $1' : 'UPDATE "Peer" SET "approvalRequired" = NOT "approvalRequired" WHERE "id" = ?', r.pick(await peerIds()))],
    ['join a group', async () => db.groupPeer.createMany({ data: [{ groupId: r.pick(groups), peerId: r.pick(await peerIds()) }], skipDuplicates: dbConfig().provider === 'postgresql' ? true : undefined } as never).catch(() => undefined)],
    ['leave a group', async () => {
      const m = await db.groupPeer.findFirst({ where: { group: { accountId } }, skip: r.int(10) });
      if (m) await db.groupPeer.delete({ where: { groupId_peerId: m } });
    }],
    ['add a group', newGroup],
    ['delete a group (memberships cascade)', async () => groups.length > 2 && db.group.delete({ where: { id: groups.splice(r.int(groups.length), 1)[0] } })],
    ['add a policy', newPolicy],
    ['disable or enable a policy', async () => {
      const p = await db.policy.findFirst({ where: { accountId }, skip: r.int(3) });
      if (p) await db.policy.update({ where: { id: p.id }, data: { enabled: !p.enabled } });
    }],
    ['block or unblock a user', async () => db.user.update({ where: { id: r.pick(users.slice(1)) }, data: { status: r.next() < 0.5 ? 'blocked' : 'active' } })],
    ['replace the ACL document', async () => {
      const text = r.pick(ACL_TEXTS)?.replace('OWNER', `owner-${seed}@fuzz.test`) ?? null;
      if (text === null) await db.aclDocument.deleteMany({ where: { accountId } });
      else await db.aclDocument.upsert({ where: { accountId }, create: { accountId, text, etag: newId(), isDefault: false }, update: { text, etag: newId() } });
    }],
  ];

  for (let step = 0; step < steps; step++) {
    const burst = 1 + r.int(3);
    const done: string[] = [];
    for (let i = 0; i < burst; i++) {
      const [what, change] = r.pick(changes);
      await change();
      done.push(what);
    }
    await bumpNetworkSerial(db, accountId);
    const where = `seed ${seed}, step ${step}: ${done.join(', ')}`;
    const { model: incremental } = await accessModel(db, accountId);
    const { model: rebuilt } = await accessModel(db, accountId, false);
    const ids = await peerIds();
    for (const id of ids) expect(mapOf(incremental, id), `${where}; peer ${id}`).toEqual(mapOf(rebuilt, id));
    // The store equals a full read of the same rows.
    const snap = await peerSnapshot(db, accountId);
    const rows = await db.peer.findMany({ where: { accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(snap.peers.map((p) => JSON.stringify(p)), where).toEqual(rows.map((p) => JSON.stringify(p)));
    const members = await db.groupPeer.findMany({ where: { peer: { accountId } } });
    const expected = new Map<string, string[]>();
    for (const m of members) expected.set(m.peerId, [...(expected.get(m.peerId) ?? []), m.groupId].sort());
    for (const id of ids) expect([...(snap.groupsOf.get(id) ?? [])], `${where}; groups of ${id}`).toEqual(expected.get(id) ?? []);
  }
  forgetPeerStores();
}
