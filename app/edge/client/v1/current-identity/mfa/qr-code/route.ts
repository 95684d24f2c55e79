import { ziti } from '@/lib/http/dialects/ziti';
import { mfaQrPng } from '@/lib/domain/ziti/mfa';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) =>
  new Response(new Uint8Array(await mfaQrPng(db, caller)), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' } }),
);
