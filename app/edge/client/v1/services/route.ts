import { ziti } from '@/lib/http/dialects/ziti';
import { listParams, listRequest, pageEnvelope } from '@/lib/dialects/ziti/paging';
import { requestedConfigTypes, toZitiService } from '@/lib/dialects/ziti/services';
import { listServices, SERVICE_FIELDS } from '@/lib/domain/ziti/services';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti', query: listParams }, async ({ db, ziti: caller, query, url }) => {
  const roleSemantic = url.searchParams.get('roleSemantic') ?? undefined;
  const page = await listServices(db, caller, { ...listRequest(query), roleFilter: url.searchParams.getAll('roleFilter'), roleSemantic });
  const configTypes = requestedConfigTypes(url, caller);
  return pageEnvelope(page, (s) => toZitiService(s, configTypes), Object.keys(SERVICE_FIELDS));
});
