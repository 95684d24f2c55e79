import { netbird } from '@/lib/http/dialects/netbird';
import { toServiceSession } from '@/lib/dialects/console/ziti-sessions';
import { listServiceSessions } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listServiceSessions(db, actor)).map(toServiceSession));
