// The tailnet policy file (ACL): get and set (HuJSON or JSON, optional If-Match). Reading needs
// owner, admin or auditor (regular users get 403, as for the rest of the tailnet's configuration);
// setting needs owner or admin.
import { getAclDocument, parseIfMatch, saveAclDocument } from '@/lib/domain/acl/document';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { policyReply, readPolicyBody, tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params, req }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return policyReply(req, await getAclDocument(db, actor));
});

export const POST = route({ dialect: tailscale, permission: 'admin' }, async ({ db, actor, params, req }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const text = await readPolicyBody(req);
  const saved = await saveAclDocument(db, actor, text, { ifMatch: parseIfMatch(req.headers.get('if-match')) });
  return policyReply(req, saved.document);
});
