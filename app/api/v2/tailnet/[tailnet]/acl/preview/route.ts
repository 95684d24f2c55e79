// Which rules of a policy file (the body, not the saved one) match a user or an ip:port.
import { previewPolicy } from '@/lib/domain/acl/preview';
import { ValidationError } from '@/lib/domain/errors';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { previewQuery } from '@/lib/dialects/tailscale/acl';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { readPolicyBody, tailnetParam } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, permission: 'audit', readOnly: true, query: previewQuery }, async ({ db, actor, params, req, query }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const type = query.type ?? (query.user !== undefined ? 'user' : undefined);
  const previewFor = query.previewFor ?? query.user;
  if (!type) throw new ValidationError('type must be "user" or "ipport"', 'value');
  if (!previewFor) throw new ValidationError('previewFor is required', 'value');
  const matches = await previewPolicy(db, actor, await readPolicyBody(req), type, previewFor);
  return { matches, type, previewFor };
});
