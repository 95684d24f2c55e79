// meshdeck's agent protocol: a peer reports traffic flow records (up to 10,000 per request).
// Telemetry, not an administrative change: it is not written to the audit trail. Only a peer with
// access may report (not one pending approval or with an expired login), and a flow's user is kept
// only when it is the peer's own (lib/domain/traffic/ingest.ts).
import { netbird } from '@/lib/http/dialects/netbird';
import { flowReport } from '@/lib/dialects/netbird/traffic';
import { assertPeerMayReport } from '@/lib/domain/agent/protocol';
import { ingestFlowEvents } from '@/lib/domain/traffic/ingest';
import { peerOwner } from '@/lib/domain/users/users';
import { reply, route } from '@/lib/http/route';

const MAX_REPORT_BYTES = 32 * 1024 * 1024;

export const POST = route({ dialect: netbird, permission: 'agent', body: flowReport, maxBody: MAX_REPORT_BYTES }, async ({ db, peer, body }) => {
  await assertPeerMayReport(db, peer);
  return reply({ accepted: await ingestFlowEvents(peer, body.events, await peerOwner(db, peer)) }, 202);
});
