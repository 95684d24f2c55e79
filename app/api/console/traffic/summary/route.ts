import { chartRangeQuery } from '@/lib/dialects/console/traffic-summary';
import { trafficFilterFrom, trafficFilterQuery } from '@/lib/dialects/netbird/traffic';
import { trafficSummary } from '@/lib/domain/traffic/summary';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

const query = trafficFilterQuery.extend(chartRangeQuery.shape);

export const GET = route({ dialect: netbird, permission: 'audit', query }, async ({ db, actor, query: q }) =>
  trafficSummary(db, actor, { ...trafficFilterFrom(q), from: q.from, to: q.to, bucket: q.bucket }),
);
