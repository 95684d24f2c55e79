// A ZeroTier node address for every peer that joins through the agent protocol, so that it can be
// a member of the account's ZeroTier networks (docs/zerotier.md, "Agent peers as members"): the
// controller API names members by node address, and a peer's address says which peer a member is.
// Derived from the peer's WireGuard public key — the first 40 bits of SHA-512 over its 32 bytes,
// as meshdeck derives its own node's address — so an admin or the agent can compute it; when that
// value is reserved (0000000000, ff…) or another peer of the account has it, SHA-512 of the
// previous digest is tried, and so on: unique in the account, stable for a key.
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/client';

const reserved = (a: string) => a === '0000000000' || a.startsWith('ff');

/** The candidate addresses for a key, in the order they are tried. */
export function* nodeAddressCandidates(publicKey: string): Generator<string> {
  let digest = createHash('sha512').update(Buffer.from(publicKey, 'base64')).digest();
  for (;;) {
    const address = digest.subarray(0, 5).toString('hex');
    if (!reserved(address)) yield address;
    digest = createHash('sha512').update(digest).digest();
  }
}

/** The first candidate no other peer of the account has. */
export async function freeNodeAddress(db: Tx, accountId: string, publicKey: string): Promise<string> {
  for (const address of nodeAddressCandidates(publicKey)) {
    if (!(await db.peer.findUnique({ where: { accountId_ztAddress: { accountId, ztAddress: address } }, select: { id: true } }))) return address;
  }
  throw new Error('unreachable');
}
