import { netbird } from '@/lib/http/dialects/netbird';
import { trafficSummaryQuery } from '@/lib/dialects/console/traffic-summary';
import { trafficSummary } from '@/lib/domain/traffic/summary';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: trafficSummaryQuery }, async ({ db, actor, query: q }) =>
  trafficSummary(db, actor, {
    from: q.from,
    to: q.to,
    bucket: q.bucket,
    userId: q.user_id,
    reporterId: q.reporter_id,
    sourceId: q.source_id,
    destinationId: q.destination_id,
    protocol: q.protocol,
    type: q.type,
    connectionType: q.connection_type,
    direction: q.direction,
    search: q.search,
  }),
);
