import { toVersion, versionNumber } from '@/lib/dialects/console/acl';
import { netbird } from '@/lib/http/dialects/netbird';
import { getAclVersion } from '@/lib/domain/acl/document';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toVersion(await getAclVersion(db, actor, versionNumber(params))));
