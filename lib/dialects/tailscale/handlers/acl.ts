// The tailnet policy file (ACL): get, set (HuJSON or JSON, optional If-Match), preview rule
// matches and validate. Reading, previewing and validating need owner, admin or auditor (regular
// users get 403, as for the rest of the tailnet's configuration); setting needs owner or admin.
import { getAclDocument, MAX_POLICY_BYTES, parseIfMatch, saveAclDocument } from '../../../domain/acl/document';
import { previewPolicy } from '../../../domain/acl/preview';
import { validatePolicy } from '../../../domain/acl/validate';
import { ValidationError } from '../../../domain/errors';
import { resolveTailnet } from '../../../domain/accounts/tailnet';
import { readText } from '../../../http/body';
import { route } from '../../../http/route';
import { policyResponse, previewQuery } from '../acl';
import { tailscale } from '../../../http/dialects/tailscale';
import { tailnetParam } from '../../../http/tailscale';

/** A policy file is at most MAX_POLICY_BYTES (1 MiB, as any body); larger ones are 413. */
async function bodyText(req: Request): Promise<string> {
  const text = await readText(req, MAX_POLICY_BYTES);
  if (!text.trim()) throw new ValidationError('empty policy file', 'parse');
  return text;
}

export const getAcl = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params, req }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return policyResponse(req, await getAclDocument(db, actor));
});

export const postAcl = route({ dialect: tailscale, permission: 'admin' }, async ({ db, actor, params, req, audit }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  const text = await bodyText(req);
  const saved = await saveAclDocument(db, actor, text, { ifMatch: parseIfMatch(req.headers.get('if-match')) });
  audit({
    code: 'acl.update',
    activity: 'Access policy updated',
    targetId: account.id,
    meta: { etag: saved.document.etag, previousEtag: saved.previousEtag, version: saved.version },
  });
  return policyResponse(req, saved.document);
});

export const previewAcl = route({ dialect: tailscale, permission: 'audit', readOnly: true, query: previewQuery }, async ({ db, actor, params, req, query }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const type = query.type ?? (query.user !== undefined ? 'user' : undefined);
  const previewFor = query.previewFor ?? query.user;
  if (!type) throw new ValidationError('type must be "user" or "ipport"', 'value');
  if (!previewFor) throw new ValidationError('previewFor is required', 'value');
  const matches = await previewPolicy(db, actor, await bodyText(req), type, previewFor);
  return { matches, type, previewFor };
});

export const validateAcl = route({ dialect: tailscale, permission: 'audit', readOnly: true }, async ({ db, actor, params, req }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return validatePolicy(db, actor, await bodyText(req));
});
