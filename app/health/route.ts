import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtHealth } from '@/lib/dialects/zerotier/service';
import { databaseHealthy } from '@/lib/domain/zerotier/health';
import { reply, route } from '@/lib/http/route';

// ZeroTier's /health (authenticated, unlike meshdeck's /api/health): 503 while the database is down.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, url }) => {
  const online = await databaseHealthy(db);
  const body = jsonpOr(url, toZtHealth(online));
  return online || body instanceof Response ? body : reply(body, 503);
});
