// The account's network serial: one number that changes whenever anything that can alter a peer's
// network map changes (peers, groups, policies, the ACL document, routes, DNS, setup keys' groups,
// users' status). Agents compare it to skip unchanged syncs; caches key on it; agents waiting in a
// long-poll are woken through the serial watch (serial-watch.ts).
import type { Tx } from '../db/client';
import { dbConfig } from '../db/config';
import { SERIAL_CHANNEL } from '../db/notify';
import { serialWatch } from './serial-watch';

export async function bumpNetworkSerial(db: Tx, accountId: string): Promise<void> {
  await db.account.update({ where: { id: accountId }, data: { networkSerial: { increment: 1 } } });
  // Other processes on the same PostgreSQL database hear of it when the writer's transaction
  // commits (serial-watch.ts listens); this process's waiters are told at once.
  if (dbConfig().provider === 'postgresql') await db.$executeRaw`SELECT pg_notify(${SERIAL_CHANNEL}, ${accountId})`;
  serialWatch().bumped(accountId);
}

export async function networkSerial(db: Tx, accountId: string): Promise<number> {
  const a = await db.account.findUnique({ where: { id: accountId }, select: { networkSerial: true } });
  return a?.networkSerial ?? 0;
}
