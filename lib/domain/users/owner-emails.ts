// The login names of the users who own some peers (Tailscale's device `user` field), read in chunks.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import { displayEmail } from './users';

export async function ownerEmails(db: Tx, accountId: string, peers: Peer[]): Promise<Map<string, string>> {
  const ids = [...new Set(peers.map((p) => p.userId).filter(Boolean))];
  if (!ids.length) return new Map();
  const users = await inChunks(ids, (chunk) => db.user.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, email: true, isServiceUser: true } }));
  return new Map(users.map((u) => [u.id, displayEmail(u)]));
}
