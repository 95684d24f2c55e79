import { ziti } from '@/lib/http/dialects/ziti';
import { caBundlePkcs7 } from '@/lib/domain/ziti/ca';
import { reply, route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'public' }, async ({ db }) =>
  reply(await caBundlePkcs7(db), 200, { 'Content-Type': 'application/pkcs7-mime', 'Content-Transfer-Encoding': 'base64' }),
);
