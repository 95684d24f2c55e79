import { netbird } from '@/lib/http/dialects/netbird';
import { serviceOverviewQuery, toServiceOverview } from '@/lib/dialects/console/ziti-services';
import { serviceOverview } from '@/lib/domain/ziti/service-overview';
import { route } from '@/lib/http/route';

// Every Ziti service of the account with the identities that may Dial / Bind it (the Edge Client API's own decision).
export const GET = route({ dialect: netbird, permission: 'audit', query: serviceOverviewQuery }, async ({ db, actor, query }) =>
  (await serviceOverview(db, actor, { name: query.name })).map(toServiceOverview),
);
