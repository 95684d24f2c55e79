// meshdeck's agent protocol: a peer reports traffic flow records (up to 10,000 per request).
// Telemetry, not an administrative change: it is not written to the audit trail.
import { netbird } from '@/lib/dialects/netbird/dialect';
import { flowReport } from '@/lib/dialects/netbird/traffic';
import { ingestFlowEvents } from '@/lib/domain/traffic';
import { reply, route } from '@/lib/http/route';

const MAX_REPORT_BYTES = 32 * 1024 * 1024;

export const POST = route({ dialect: netbird, permission: 'agent', body: flowReport, maxBody: MAX_REPORT_BYTES }, async ({ peer, body }) =>
  reply({ accepted: await ingestFlowEvents(peer, body.events) }, 202),
);
