// A Tailscale tailnet is a meshdeck account. API paths name it: `-` means the caller's own
// account, any other value must be that account's domain (its tailnet name). Naming another
// account's tailnet is "not found", as for every object of another account.
import type { Tx } from '../../db/client';
import type { Account } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';

export async function resolveTailnet(db: Tx, actor: Actor, tailnet: string): Promise<Account> {
  const account = await db.account.findUnique({ where: { id: actor.accountId } });
  if (!account) throw new NotFoundError('tailnet', tailnet);
  if (tailnet !== '-' && tailnet.trim().toLowerCase() !== account.domain.toLowerCase()) throw new NotFoundError('tailnet', tailnet);
  return account;
}
