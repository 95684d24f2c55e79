// meshdeck's agent protocol: a peer reports its system meta again (agent upgraded, OS updated,
// interfaces or watched processes changed) and its WireGuard listen port. Posture checks read the
// meta; the network serial moves only when the change can alter access (lib/domain/peers/meta.ts)
// or the peer's endpoints (lib/domain/agent/endpoints.ts). Telemetry, not an administrative
// change: it is not written to the audit trail. A peer pending approval or with an expired login
// may not report (403).
import { metaRequest, toPeerMeta } from '@/lib/dialects/netbird/agent';
import { assertPeerMayReport } from '@/lib/domain/agent/protocol';
import { netbird } from '@/lib/http/dialects/netbird';
import { updatePeerMeta } from '@/lib/domain/peers/meta';
import { storeListenPort } from '@/lib/domain/agent/endpoints';
import { networkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: netbird, permission: 'agent', body: metaRequest }, async ({ db, peer, body }) => {
  await assertPeerMayReport(db, peer);
  const { changed, serialBumped } = await updatePeerMeta(db, peer, toPeerMeta(body.meta));
  const portChanged = await storeListenPort(db, peer, body.listen_port, serialBumped);
  return { changed: changed || portChanged, serial: await networkSerial(db, peer.accountId) };
});
