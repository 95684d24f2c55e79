import { netbird } from '@/lib/http/dialects/netbird';
import { checkPolicy } from '@/lib/domain/acl/check';
import { MAX_POLICY_BYTES } from '@/lib/domain/acl/document';
import { accountTopology } from '@/lib/domain/acl/topology';
import { readText } from '@/lib/http/body';
import { route } from '@/lib/http/route';

/** The editor's check (problems with positions, every test assertion), when its worker cannot run. */
export const POST = route({ dialect: netbird, permission: 'audit', readOnly: true }, async ({ db, actor, req }) =>
  checkPolicy(await readText(req, MAX_POLICY_BYTES), await accountTopology(db, actor)),
);
