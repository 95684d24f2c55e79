import { ziti } from '@/lib/http/dialects/ziti';
import { listParams, listRequest, pageEnvelope } from '@/lib/dialects/ziti/paging';
import { toTerminator } from '@/lib/dialects/ziti/services';
import { serviceEdgeRouters, TERMINATOR_FIELDS, terminatorsOf } from '@/lib/domain/ziti/edge-routers';
import { applyQuery } from '@/lib/domain/ziti/query';
import { getService } from '@/lib/domain/ziti/services';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti', query: listParams }, async ({ db, ziti: caller, params, query }) => {
  const service = await getService(db, caller, params.id);
  const routers = await serviceEdgeRouters(db, caller, service.catalog, service.networkId);
  const { query: q, page } = listRequest(query);
  return pageEnvelope(applyQuery(await terminatorsOf(db, caller, service, routers), TERMINATOR_FIELDS, q, page), toTerminator, Object.keys(TERMINATOR_FIELDS));
});
