import { netbird } from '@/lib/http/dialects/netbird';
import { toApiSession } from '@/lib/dialects/console/ziti-sessions';
import { listApiSessions } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => {
  const now = new Date();
  return (await listApiSessions(db, actor)).map((s) => toApiSession(s, now));
});
