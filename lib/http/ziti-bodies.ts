// Reading the Ziti bodies that are not plain JSON objects: /enroll takes a PEM or JSON, /authenticate
// may have no body at all (the cert method). The shapes are the dialect's (lib/dialects/ziti/auth-requests.ts).
import type { z } from 'zod';
import { authenticateBody } from '../dialects/ziti/auth-requests';
import { parseJson, readText } from './body';

/**
 * POST /enroll takes JSON (genericEnroll: clientCsr / certCsr, username, password) or the CSR PEM
 * itself as the body (`application/x-pem-file`, `text/plain`), which is how Ziti SDKs enroll.
 */
export async function readEnrollBody(req: Request): Promise<{ csr?: string; username?: string; password?: string }> {
  const text = await readText(req);
  if (!text.trim()) return {};
  if (text.trimStart().startsWith('-----BEGIN')) return { csr: text };
  const v = parseJson(text) as Record<string, unknown>;
  const str = (k: string) => (typeof v?.[k] === 'string' ? (v[k] as string) : undefined);
  return { csr: str('clientCsr') ?? str('certCsr') ?? str('csr'), username: str('username'), password: str('password') };
}

/** POST /authenticate's body: may be absent (cert method). */
export async function readAuthenticateBody(req: Request): Promise<z.infer<typeof authenticateBody>> {
  const text = await readText(req);
  if (!text.trim()) return {};
  const r = authenticateBody.safeParse(parseJson(text));
  return r.success ? r.data : {};
}
