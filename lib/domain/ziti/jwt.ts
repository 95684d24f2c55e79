// JWTs meshdeck's Ziti controller signs (enrollment and network JWTs): ES256 with the CA key,
// `kid` = the CA certificate's fingerprint (also served at /enroll/jwks).
import { createPublicKey, sign, verify } from 'node:crypto';
import type { Tx } from '../../db/client';
import { zitiCa } from './ca';
import { zitiErrors } from './errors';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export async function signJwt(db: Tx, claims: Record<string, unknown>): Promise<string> {
  const ca = await zitiCa(db);
  const head = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: ca.fingerprint }));
  const body = b64url(JSON.stringify(claims));
  const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key: ca.keyObject, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64url(sig)}`;
}

/** The claims of a JWT this controller signed, or null (bad shape or signature; expiry is not checked). */
export async function verifiedClaims(db: Tx, jwt: string): Promise<Record<string, unknown> | null> {
  const [head, body, sig] = jwt.split('.');
  if (!head || !body || !sig) return null;
  const ca = await zitiCa(db);
  const ok = verify('sha256', Buffer.from(`${head}.${body}`), { key: createPublicKey(ca.keyObject), dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
  if (!ok) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** The CA's public key as a JWK set (GET /enroll/jwks). */
export async function jwks(db: Tx): Promise<{ keys: Record<string, unknown>[] }> {
  const ca = await zitiCa(db);
  const jwk = createPublicKey(ca.keyObject).export({ format: 'jwk' });
  const x5c = [Buffer.from(ca.cert.rawData).toString('base64')];
  return { keys: [{ ...jwk, kid: ca.fingerprint, use: 'sig', alg: 'ES256', x5c }] };
}

/**
 * POST /enroll/challenge: proves the controller holds the key behind `kid` by signing the caller's
 * nonce (ES256 over the nonce's text, base64url signature), with the CA pool to check it against.
 */
export async function signNonce(db: Tx, nonce: string, keyId: string) {
  const ca = await zitiCa(db);
  if (keyId !== ca.fingerprint) throw zitiErrors.couldNotValidate(`Unknown key id ${keyId}`);
  const signature = sign('sha256', Buffer.from(nonce), { key: ca.keyObject, dsaEncoding: 'ieee-p1363' });
  return { algorithm: 'ES256', kid: ca.fingerprint, signature: b64url(signature), caPool: ca.certPem };
}
