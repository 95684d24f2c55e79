// A peer that joins through the agent protocol has a ZeroTier node address derived from its
// WireGuard key (unique in the account, shown in its map as `zt_address`), so the controller API
// can make it a member: deauthorizing its member takes it out of every map (its own is empty) and
// authorizing it again brings it back; a peer that is no member keeps its access.
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeAddressCandidates } from '@/lib/domain/zerotier/peer-node-address';
import { newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register, sync, wgKey } from '../support/peers';
import { zt } from '../support/zerotier-client';
import { createNetwork } from '../support/zerotier-helpers';

type Reg = Awaited<ReturnType<typeof register>>;
let nb: ReturnType<typeof netbird>;
let call: ReturnType<typeof zt>;
let key = '';

beforeAll(async () => {
  const a = await newAccount();
  nb = netbird(a.token);
  call = zt(a.token);
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

const mapOf = async (r: Reg) => (await sync(r.body.peer_token)).body;
const seenBy = async (viewer: Reg) => ((await mapOf(viewer)).peers as { id: string }[]).map((p) => p.id);

describe('agent peers as ZeroTier members', () => {
  it('gives each registered peer the node address its key derives, unique in the account', async () => {
    const publicKey = wgKey();
    const peer = await register(key, 'zt-derived', publicKey);
    const address = (await mapOf(peer)).peer.zt_address;
    expect(address).toMatch(/^[0-9a-f]{10}$/);
    expect(address).toBe(nodeAddressCandidates(publicKey).next().value);
    const other = await register(key, 'zt-other');
    expect((await mapOf(other)).peer.zt_address).not.toBe(address);
    // The ZeroTier service API lists it as a node of the account.
    expect((await call('GET', `/peer/${address}`)).body).toMatchObject({ address, role: 'LEAF' });
  });

  it('cuts a deauthorized member out of every map and brings it back when authorized', async () => {
    const [member, friend, bystander] = [await register(key, 'zt-member'), await register(key, 'zt-friend'), await register(key, 'zt-bystander')];
    const address = (await mapOf(member)).peer.zt_address;
    const network = await createNetwork(call);
    const path = `/controller/network/${network.id}/member/${address}`;

    const authorized = await call('POST', path, { authorized: true });
    expect(authorized.status).toBe(200);
    expect(authorized.body).toMatchObject({ id: address, authorized: true });
    expect(await seenBy(friend)).toContain(member.body.peer.id);
    expect((await mapOf(member)).approval_required).toBe(false);

    const serial = (await mapOf(friend)).serial;
    expect((await call('POST', path, { authorized: false })).status).toBe(200);
    const cut = await mapOf(member);
    expect(cut).toMatchObject({ approval_required: true, peers: [], packet_filter: [] });
    expect((await mapOf(friend)).serial).not.toBe(serial);
    expect(await seenBy(friend)).not.toContain(member.body.peer.id);
    expect(await seenBy(bystander)).not.toContain(member.body.peer.id);
    expect((await nb('GET', `/api/peers/${member.body.peer.id}`)).body.approval_required).toBe(true);

    expect((await call('POST', path, { authorized: true })).status).toBe(200);
    expect((await mapOf(member)).approval_required).toBe(false);
    expect(await seenBy(member)).toEqual(expect.arrayContaining([friend.body.peer.id, bystander.body.peer.id]));
    expect(await seenBy(friend)).toContain(member.body.peer.id);
    // The member is the registered peer, not a second one.
    expect((await nb('GET', '/api/peers')).body.filter((p: { name: string }) => p.name === 'zt-member')).toHaveLength(1);
  });

  it('leaves a peer that is no member of any network as it was', async () => {
    const loner = await register(key, 'zt-loner');
    const map = await mapOf(loner);
    expect(map.approval_required).toBe(false);
    expect(map.peers.length).toBeGreaterThan(0);
  });
});
