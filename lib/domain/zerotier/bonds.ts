// Multipath bonds. meshdeck's node carries no traffic, so no peer has a bond with it: `show` reports
// the peer unbonded, and `rotate` / `setmtu` find no bonded link to act on (ZeroTier answers 400
// when there is no bond or no link matches, and so does meshdeck).
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { getKnownPeer, type KnownPeer } from './node';

export async function showBond(db: Tx, actor: Actor, address: string): Promise<KnownPeer> {
  return getKnownPeer(db, actor, address);
}

export async function rotateBond(db: Tx, actor: Actor, address: string): Promise<never> {
  await getKnownPeer(db, actor, address);
  throw new ValidationError(`no bond to peer ${address}: meshdeck's node does not bond physical links`);
}

export function setBondMtu(mtu: number, device: string, ip: string): never {
  if (mtu < 68 || mtu > 65535) throw new ValidationError('mtu: must be between 68 and 65535');
  throw new ValidationError(`no bonded link on ${device} to ${ip}: meshdeck's node does not bond physical links`);
}
