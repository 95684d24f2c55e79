import { ziti } from '@/lib/http/dialects/ziti';
import { listParams, listRequest, pageEnvelope } from '@/lib/dialects/ziti/paging';
import { toCurrentIdentityEdgeRouter } from '@/lib/dialects/ziti/services';
import { accountEdgeRouters, EDGE_ROUTER_FIELDS } from '@/lib/domain/ziti/edge-routers';
import { applyQuery } from '@/lib/domain/ziti/query';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti', query: listParams }, async ({ db, ziti: caller, query }) => {
  const { query: q, page } = listRequest(query);
  return pageEnvelope(applyQuery(await accountEdgeRouters(db, caller), EDGE_ROUTER_FIELDS, q, page), toCurrentIdentityEdgeRouter, Object.keys(EDGE_ROUTER_FIELDS));
});
