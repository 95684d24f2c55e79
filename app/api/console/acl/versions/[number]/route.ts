import { toVersion, versionNumber } from '@/lib/dialects/netbird/console-acl';
import { netbird } from '@/lib/dialects/netbird/dialect';
import { getAclVersion } from '@/lib/domain/acl-document';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toVersion(await getAclVersion(db, actor, versionNumber(params))));
