// Finding an account's controller network by its 16-hex-digit id.
import type { Tx } from '../../db/client';
import type { ZeroTierNetwork } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';

export async function requireNetwork(db: Tx, actor: Actor, nwid: string): Promise<ZeroTierNetwork> {
  const n = await db.zeroTierNetwork.findFirst({ where: { nwid, accountId: actor.accountId } });
  if (!n) throw new NotFoundError('network', nwid);
  return n;
}
