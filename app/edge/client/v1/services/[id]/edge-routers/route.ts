import { ziti } from '@/lib/http/dialects/ziti';
import { listParams, listRequest, pagedEnvelope } from '@/lib/dialects/ziti/paging';
import { toServiceEdgeRouter } from '@/lib/dialects/ziti/services';
import { EDGE_ROUTER_FIELDS, serviceEdgeRouters } from '@/lib/domain/ziti/edge-routers';
import { applyQuery } from '@/lib/domain/ziti/query';
import { getService } from '@/lib/domain/ziti/services';
import { route } from '@/lib/http/route';

// Ziti answers this list as one object ({edgeRouters: [...]}) with the page in meta.
export const GET = route({ dialect: ziti, permission: 'ziti', query: listParams }, async ({ db, ziti: caller, params, query }) => {
  const service = await getService(db, caller, params.id);
  const { query: q, page } = listRequest(query);
  const result = applyQuery(await serviceEdgeRouters(db, caller, service.catalog, service.networkId), EDGE_ROUTER_FIELDS, q, page);
  return pagedEnvelope({ edgeRouters: result.items.map(toServiceEdgeRouter) }, result, Object.keys(EDGE_ROUTER_FIELDS));
});
