// Helpers shared by the Tailscale handlers: which tailnet a path names (modern `/tailnet/{tailnet}`
// or legacy `/domain/{domain}`), the owners' login names of devices, and the empty 200 answer of
// Tailscale's actions.
import type { Tx } from '../../../db/client';
import { inChunks } from '../../../db/chunks';
import type { Peer } from '../../../generated/sqlite/client';
import { displayEmail } from '../../../domain/users/users';
import { reply } from '../../../http/route';

export const tailnetParam = (params: Record<string, string>) => params.tailnet ?? params.domain ?? '-';

/** Tailscale answers its device actions and deletions with 200 and no body. */
export const done = () => reply(undefined, 200);

export async function ownerEmails(db: Tx, accountId: string, peers: Peer[]): Promise<Map<string, string>> {
  const ids = [...new Set(peers.map((p) => p.userId).filter(Boolean))];
  if (!ids.length) return new Map();
  const users = await inChunks(ids, (chunk) => db.user.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, email: true, isServiceUser: true } }));
  return new Map(users.map((u) => [u.id, displayEmail(u)]));
}
