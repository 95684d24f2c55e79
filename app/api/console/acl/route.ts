import { MAX_CONSOLE_SAVE_BODY, saveRequest, toSaved } from '@/lib/dialects/console/acl';
import { netbird } from '@/lib/http/dialects/netbird';
import { parseIfMatch, saveAclDocument } from '@/lib/domain/acl/document';
import { route } from '@/lib/http/route';

/** The Tailscale API saves too, but has no place for the console's save message. */
export const PUT = route({ dialect: netbird, permission: 'admin', body: saveRequest, maxBody: MAX_CONSOLE_SAVE_BODY }, async ({ db, actor, req, body }) =>
  toSaved(await saveAclDocument(db, actor, body.text, { ifMatch: parseIfMatch(req.headers.get('if-match')), message: body.message?.trim() ?? '' })),
);
