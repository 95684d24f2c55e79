// Many accounts at once, written straight into the database (bench/tenants.ts): each account gets an
// owner with an API token, a ZeroTier network, and then the same contents seedScale gives one
// account at scale (tests/support/scale-seed.ts: n peers, groups, policies, setup keys, users, routes,
// resources, ZeroTier members, an ACL document and two agent tokens). Accounts, owners and tokens go
// in createMany batches: createAccountWithOwner hashes a password with bcrypt, which at 1,000
// accounts would take minutes and measure nothing.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { newId } from '@/lib/domain/ids';
import { hashSecret, newAccessToken } from '@/lib/domain/secrets';
import { seedScale, type ScaleAccount } from './scale-seed';

export interface Tenant extends ScaleAccount {
  accountId: string;
  /** The owner's personal access token (plain). */
  token: string;
}

const BATCH = 500;

/** `accounts` accounts of `peers` peers each (peers ≥ 2); `label` keeps domains and emails unique per database. */
export async function seedTenants(db: Db, accounts: number, peers: number, label = 'tenant'): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  const expiresAt = new Date(Date.now() + 7 * 86400_000);
  for (let start = 0; start < accounts; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, accounts - start) }, (_, i) => ({
      accountId: newId(),
      ownerId: newId(),
      name: `${label}-${start + i}`,
      token: newAccessToken(),
      nwid: randomBytes(8).toString('hex'),
      networkId: newId(),
    }));
    await db.account.createMany({ data: rows.map((r) => ({ id: r.accountId, name: r.name, domain: `${r.name}.example`, createdBy: r.ownerId })) });
    await db.user.createMany({
      data: rows.map((r) => ({ id: r.ownerId, accountId: r.accountId, email: `owner@${r.name}.example`, name: 'Owner', role: 'owner', status: 'active', issued: 'bootstrap' })),
    });
    await db.apiToken.createMany({
      data: rows.map((r) => ({ id: newId(), accountId: r.accountId, userId: r.ownerId, createdById: r.ownerId, name: 'bench', secretHash: hashSecret(r.token), prefix: r.token.slice(0, 8), expiresAt })),
    });
    await db.zeroTierNetwork.createMany({ data: rows.map((r) => ({ id: r.networkId, accountId: r.accountId, nwid: r.nwid, name: `${r.name}-zt` })) });
    for (const r of rows) tenants.push({ accountId: r.accountId, token: r.token, ...(await seedScale(db, r.accountId, peers, r.networkId)) });
  }
  return tenants;
}
