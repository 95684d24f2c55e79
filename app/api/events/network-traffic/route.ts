import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdTrafficPage, trafficQuery } from '@/lib/dialects/netbird/traffic';
import { listTrafficEvents } from '@/lib/domain/traffic/query';
import { parsePage } from '@/lib/domain/paging';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: trafficQuery }, async ({ db, actor, query: q }) =>
  toNetbirdTrafficPage(
    await listTrafficEvents(db, actor, {
      page: parsePage(q.page),
      pageSize: q.page_size,
      userId: q.user_id,
      reporterId: q.reporter_id,
      sourceId: q.source_id,
      destinationId: q.destination_id,
      protocol: q.protocol,
      type: q.type,
      connectionType: q.connection_type,
      direction: q.direction,
      search: q.search,
      startDate: q.start_date,
      endDate: q.end_date,
    }),
  ),
);
