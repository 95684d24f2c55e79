import { toVersionSummary } from '@/lib/dialects/console/acl';
import { netbird } from '@/lib/http/dialects/netbird';
import { listAclVersions } from '@/lib/domain/acl/document';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listAclVersions(db, actor)).map(toVersionSummary));
