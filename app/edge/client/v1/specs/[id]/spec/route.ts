import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { SPEC_ID } from '@/lib/dialects/ziti/info';
import { bundledSpec } from '@/lib/dialects/ziti/spec';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { reply, route } from '@/lib/http/route';

// JSON envelope around the YAML text by default; the bare YAML when only text/yaml is accepted.
export const GET = route({ dialect: ziti, permission: 'public' }, async ({ params, req }) => {
  if (params.id !== SPEC_ID) throw zitiErrors.notFound();
  const accept = req.headers.get('accept') ?? '';
  if (accept.includes('yaml') && !accept.includes('json')) return reply(bundledSpec(), 200, { 'Content-Type': 'text/yaml; charset=utf-8' });
  return envelope(bundledSpec());
});
