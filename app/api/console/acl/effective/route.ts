import { effectiveQuery } from '@/lib/dialects/console/acl';
import { netbird } from '@/lib/http/dialects/netbird';
import { effectiveAccess } from '@/lib/domain/acl/effective';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: effectiveQuery }, async ({ db, actor, query }) => effectiveAccess(db, actor, query.view));
