import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { SPEC_ID, specShape } from '@/lib/dialects/ziti/info';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'public' }, async ({ params }) => {
  if (params.id !== SPEC_ID) throw zitiErrors.notFound();
  return envelope(specShape());
});
