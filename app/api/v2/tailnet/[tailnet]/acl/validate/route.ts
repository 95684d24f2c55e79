// Checks a policy file (the body) against the tailnet without saving it.
import { validatePolicy } from '@/lib/domain/acl/validate';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { readPolicyBody, tailnetParam } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, permission: 'audit', readOnly: true }, async ({ db, actor, params, req }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return validatePolicy(db, actor, await readPolicyBody(req));
});
