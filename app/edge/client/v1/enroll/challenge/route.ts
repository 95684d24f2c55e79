import { nonceBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { signNonce } from '@/lib/domain/ziti/jwt';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'public', body: nonceBody, readOnly: true }, async ({ db, body }) => signNonce(db, body.nonce, body.keyId));
