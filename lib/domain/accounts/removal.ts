// Removing an account with every row of it: by its owner (NetBird's DELETE /api/accounts/{id}) or
// by an operator (tenants.ts). Never the installation account.
import { chunks } from '../../db/chunks';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { ForbiddenError } from '../errors';
import { forgetPersonIfUnused } from '../users/people';
import { getAccount } from './accounts';
import { installationAccountId } from './installation';

/**
 * Removes an account and every row of it. Most rows cascade from the account in the database;
 * ingress port allocations, request counts and the peer change journal have no relation to it (the
 * journal's rows outlive peers on purpose, and the cascade itself writes one per removed peer), so
 * they are deleted by hand. People left with no account go too: their password is personal data.
 */
export async function removeAccountRows(db: Tx, accountId: string) {
  if (accountId === (await installationAccountId(db))) throw new ForbiddenError('the installation account cannot be deleted');
  const emails = (await db.user.findMany({ where: { accountId, isServiceUser: false }, select: { email: true } })).map((u) => u.email);
  const peerIds = (await db.peer.findMany({ where: { accountId }, select: { id: true } })).map((p) => p.id);
  await db.ingressPortAllocation.deleteMany({ where: { accountId } });
  await db.apiRequestCount.deleteMany({ where: { accountId } });
  await db.account.delete({ where: { id: accountId } });
  // Journal rows of memberships whose peer went first carry no account (only the peer's id).
  await db.peerChange.deleteMany({ where: { accountId } });
  for (const chunk of chunks(peerIds)) await db.peerChange.deleteMany({ where: { accountId: null, peerId: { in: chunk } } });
  for (const email of emails) await forgetPersonIfUnused(db, email);
}

/**
 * Deletes the caller's account and everything in it (NetBird's DELETE /api/accounts/{id}). The
 * account's audit trail goes with it (there is no account left to record the deletion in).
 */
export async function deleteAccount(db: Tx, actor: Actor, accountId: string) {
  const account = await getAccount(db, actor, accountId);
  await removeAccountRows(db, account.id);
  return account;
}
