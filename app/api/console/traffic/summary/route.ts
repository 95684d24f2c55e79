import { netbird } from '@/lib/http/dialects/netbird';
import { summaryRange } from '@/lib/dialects/console/traffic-summary';
import { trafficQuery } from '@/lib/dialects/netbird/traffic';
import { trafficSummary } from '@/lib/domain/traffic/summary';
import { route } from '@/lib/http/route';

// The network-traffic list's filters, without its paging and dates, and the chart's range.
const summaryQuery = trafficQuery.omit({ page: true, page_size: true, start_date: true, end_date: true }).extend(summaryRange);

export const GET = route({ dialect: netbird, permission: 'audit', query: summaryQuery }, async ({ db, actor, query: q }) =>
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
