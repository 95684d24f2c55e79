// ZeroTier controller at 5,000 members: authorizing one member (with pool address assignment and
// the peer's approval) ≤ 50 ms, and GET /controller/network/{nwid}/member ≤ 100 ms (median).
// Member counts are `sizes.ztMembers` / `sizes.ztUnauthorized` (bench/sizes.ts).
// Runs in an account of its own so that it does not collide with other benchmarks' peers.
import { createAccountWithOwner } from '../lib/domain/accounts/accounts';
import { newId } from '../lib/domain/ids';
import { intToIpv4, parseIpv4Cidr } from '../lib/domain/peers/ipam';
import { seedToken } from '../lib/domain/users/tokens';
import { nodeIdentity } from '../lib/domain/zerotier/identity';
import { saveNetwork } from '../lib/domain/zerotier/networks';
import { pickPoolAddress } from '../lib/domain/zerotier/ip-assign';
import { readPools, readRoutes } from '../lib/domain/zerotier/network-input';
import type { Benchmark, BenchContext } from './context';
import { latencyFigure, request, type Figure } from './lib';
import { k } from './sizes';

export const zerotierBench: Benchmark = {
  name: 'zerotier',
  about: 'ZeroTier controller: authorize one member and list members, at 5,000 members',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const { db } = ctx;
    const { ztMembers: memberCount, ztUnauthorized: waiting } = ctx.sizes;
    const label = newId().slice(-6);
    const { account, owner } = await createAccountWithOwner(db, {
      name: `zt-bench-${label}`,
      domain: `zt-${label}.bench.test`,
      ownerEmail: `zt-${label}@bench.test`,
      ownerName: 'ZeroTier bench',
      ownerPassword: 'bench-password-123',
    });
    const actor = { userId: owner.id, accountId: account.id, role: 'owner' as const, name: owner.name, email: owner.email, via: 'token' as const };
    const { plain } = await seedToken(db, actor, owner.id, { name: 'bench', expiresInDays: 1 });
    const headers = { 'X-ZT1-Auth': plain, 'Content-Type': 'application/json' };
    // Everything is seeded before the first request: seeding outlasts the server's keep-alive.
    const { address: controller } = await nodeIdentity(db);
    const { network: row } = await saveNetwork(db, actor, { kind: 'random', controller }, {
      name: 'bench',
      v4AssignMode: { zt: true },
      ipAssignmentPools: [{ ipRangeStart: '10.128.0.1', ipRangeEnd: '10.128.255.254' }],
      routes: [{ target: '10.128.0.0/16', via: null }],
    });
    const network = { id: row.nwid };

    // Member nodes straight into the database (at 5,000: 4,000 authorized with addresses, 1,000 waiting).
    const range = parseIpv4Cidr('100.64.0.0/10')!;
    // The addresses the controller itself would have given them.
    const used = new Set<string>();
    const assign = (address: string) => {
      const ip = pickPoolAddress(address, readPools(row.ipAssignmentPools), readRoutes(row.routes), used)!;
      used.add(ip);
      return ip;
    };
    const addresses: string[] = [];
    for (let start = 0; start < memberCount; start += 1000) {
      const peers = [];
      const members = [];
      for (let n = start; n < Math.min(memberCount, start + 1000); n++) {
        const address = (0x1000000000 + n * 7919).toString(16).padStart(10, '0');
        const authorized = n >= waiting;
        const peerId = newId();
        addresses.push(address);
        peers.push({ id: peerId, accountId: account.id, name: address, hostname: address, dnsLabel: address, ip: intToIpv4(range.first + n), ipv6: `fd7a:115c:a1e0:0:0:0:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}`, wgPubKey: `zt:${address}`, ztAddress: address, approvalRequired: !authorized });
        members.push({ id: newId(), accountId: account.id, networkId: row.id, peerId, address, authorized, ipAssignments: authorized ? JSON.stringify([assign(address)]) : '[]', revision: 1, lastAuthorizedTime: authorized ? BigInt(Date.now()) : 0n });
      }
      await db.peer.createMany({ data: peers });
      await db.zeroTierMember.createMany({ data: members });
    }

    // The pool's keep-alive socket from before seeding is stale by now: one retried request first.
    await request(`${ctx.baseUrl}/status`, { headers }).catch(() => request(`${ctx.baseUrl}/status`, { headers }));

    let next = 0;
    const authorize = await latencyFigure(
      `authorize a member (${k(memberCount)} members)`,
      async () => {
        const address = addresses[next++ % waiting];
        const r = await request(`${ctx.baseUrl}/controller/network/${network.id}/member/${address}`, { method: 'POST', headers, body: JSON.stringify({ authorized: true }) });
        const body = await r.json();
        if (!body.authorized || body.ipAssignments.length !== 1) throw new Error(`authorize: ${JSON.stringify(body)}`);
      },
      { total: Math.min(waiting - 100, ctx.requests), concurrency: 1, warmup: 20 },
    );
    const list = await latencyFigure(
      `GET /controller/network/{nwid}/member (${k(memberCount)})`,
      async () => {
        const body = await (await request(`${ctx.baseUrl}/controller/network/${network.id}/member`, { headers })).json();
        if (Object.keys(body).length !== memberCount) throw new Error(`list members: ${Object.keys(body).length}, not ${memberCount}`);
      },
      { total: Math.min(200, ctx.requests), concurrency: 1, warmup: 10 },
    );
    return [authorize, list];
  },
};
