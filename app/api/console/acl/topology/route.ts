import { netbird } from '@/lib/http/dialects/netbird';
import { accountTopology } from '@/lib/domain/acl/topology';
import { route } from '@/lib/http/route';

/** What the editor's worker checks a document against: the same users and peers the server uses. */
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => accountTopology(db, actor));
