import { netbird } from '@/lib/http/dialects/netbird';
import { databaseHealthy } from '@/lib/server/health';
import { reply, route } from '@/lib/http/route';

// Liveness and readiness in one: answers 200 when the database answers, 503 otherwise. No auth.
export const GET = route({ dialect: netbird, permission: 'public' }, async () => {
  const db = await databaseHealthy();
  return reply({ status: db ? 'ok' : 'degraded', database: db ? 'ok' : 'unreachable', version: process.env.npm_package_version ?? '0.1.0' }, db ? 200 : 503, { 'Cache-Control': 'no-store' });
});
