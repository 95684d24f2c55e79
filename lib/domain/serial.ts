// The account's network serial: one number that changes whenever anything that can alter a peer's
// network map changes (peers, groups, policies, the ACL document, routes, DNS, setup keys' groups,
// users' status). Agents compare it to skip unchanged syncs; caches key on it; agents waiting in a
// long-poll are woken through the serial watch (serial-watch.ts).
import type { Tx } from '../db/client';
import { serialWatch } from './serial-watch';

export async function bumpNetworkSerial(db: Tx, accountId: string): Promise<void> {
  await db.account.update({ where: { id: accountId }, data: { networkSerial: { increment: 1 } } });
  serialWatch().bumped(accountId);
}

export async function networkSerial(db: Tx, accountId: string): Promise<number> {
  const a = await db.account.findUnique({ where: { id: accountId }, select: { networkSerial: true } });
  return a?.networkSerial ?? 0;
}
