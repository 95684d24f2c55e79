import { accessCheckRequest, MAX_ACCESS_CHECK_BODY, toAccessQuestion } from '@/lib/dialects/console/access';
import { netbird } from '@/lib/http/dialects/netbird';
import { checkAccess } from '@/lib/domain/access/simulator';
import { route } from '@/lib/http/route';

/** The access simulator: can a source reach a destination, and which rules decide (docs/console.md, "Access simulator"). */
export const POST = route({ dialect: netbird, permission: 'audit', readOnly: true, body: accessCheckRequest, maxBody: MAX_ACCESS_CHECK_BODY }, async ({ db, actor, body }) =>
  checkAccess(db, actor, toAccessQuestion(body)),
);
