import { toNetbirdTrafficPage, trafficFilterFrom, trafficQuery } from '@/lib/dialects/netbird/traffic';
import { parsePage } from '@/lib/domain/paging';
import { listTrafficEvents } from '@/lib/domain/traffic/query';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: trafficQuery }, async ({ db, actor, query: q }) =>
  toNetbirdTrafficPage(
    await listTrafficEvents(db, actor, {
      ...trafficFilterFrom(q),
      page: parsePage(q.page),
      pageSize: q.page_size,
      startDate: q.start_date,
      endDate: q.end_date,
    }),
  ),
);
