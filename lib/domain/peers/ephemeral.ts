// Ephemeral peers (registered with an ephemeral setup key or auth key) are removed once they have
// been offline for a while — NetBird's rule, 10 minutes — so short-lived machines (CI runners,
// containers) do not pile up. Each removal goes through deletePeer (serial bump, ingress cleanup)
// and is audited as a peer deletion by the system. Temporary-access peers are ephemeral too but
// have their own lifetime and policy clean-up (temporary-access.ts), so they are left alone here.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { withAuditScope } from '../audit';
import { deletePeer } from './peers';

export const EPHEMERAL_OFFLINE_MS = 10 * 60_000;

const system = (accountId: string): Actor => ({ userId: 'system', accountId, role: 'owner', name: 'meshdeck', email: '', via: 'token' });

/** Ephemeral peers last seen before `now - maxOfflineMs`, as [accountId, peerId]. */
export async function staleEphemeralPeers(db: Tx, maxOfflineMs = EPHEMERAL_OFFLINE_MS, now = new Date()) {
  return db.peer.findMany({
    where: { ephemeral: true, expiresAt: null, lastSeen: { lt: new Date(now.getTime() - maxOfflineMs) } },
    select: { id: true, accountId: true },
    orderBy: { lastSeen: 'asc' },
    take: 500,
  });
}

/** Removes one stale ephemeral peer with its audit event; false when it came back or is gone. */
export async function removeEphemeralPeer(db: Tx, accountId: string, peerId: string, maxOfflineMs = EPHEMERAL_OFFLINE_MS, now = new Date()): Promise<boolean> {
  // Re-read inside the caller's transaction: the peer may have checked in since it was listed.
  const fresh = await db.peer.findFirst({ where: { id: peerId, accountId, ephemeral: true, expiresAt: null, lastSeen: { lt: new Date(now.getTime() - maxOfflineMs) } }, select: { id: true } });
  if (!fresh) return false;
  // The system removes it, whatever request scope the job may have been started from.
  await withAuditScope({ source: 'system' }, () =>
    deletePeer(db, system(accountId), peerId, (p) => ({
      accountId,
      code: 'user.peer.delete',
      activity: 'Ephemeral peer removed after being offline',
      targetId: p.id,
      meta: { name: p.name, ip: p.ip, ephemeral: true },
      initiator: { id: 'system', name: 'meshdeck' },
    })),
  );
  return true;
}
