import { netbird } from '@/lib/dialects/netbird/dialect';
import { toServiceSession } from '@/lib/dialects/netbird/ziti-sessions';
import { listServiceSessions } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listServiceSessions(db, actor)).map(toServiceSession));
