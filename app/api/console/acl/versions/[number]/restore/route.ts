import { toSaved, versionNumber } from '@/lib/dialects/console/acl';
import { netbird } from '@/lib/http/dialects/netbird';
import { parseIfMatch, restoreAclVersion } from '@/lib/domain/acl/document';
import { route } from '@/lib/http/route';

/** Saves the old text as a new version (validated against today's tailnet; If-Match honoured). */
export const POST = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params, req }) =>
  toSaved(await restoreAclVersion(db, actor, versionNumber(params), { ifMatch: parseIfMatch(req.headers.get('if-match')) })),
);
