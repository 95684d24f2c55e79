// Request bodies of the authentication, MFA, enrollment and identity endpoints (Swagger definitions
// authenticate, mfaCode, currentApiSessionCertificateCreate, authenticator*WithCurrent, ...).
import { z } from 'zod';

const password = z.string().min(5).max(100);
const username = z.string().min(4).max(100);

export const authenticateQuery = z.object({ method: z.enum(['password', 'cert', 'ext-jwt']) }).loose();

/** The body of POST /authenticate is optional for `cert`; read leniently and checked per method. */
export const authenticateBody = z
  .object({
    username: z.string().optional(),
    password: z.string().optional(),
    configTypes: z.array(z.string()).optional(),
    envInfo: z.record(z.string(), z.unknown()).optional(),
    sdkInfo: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export const mfaCodeBody = z.object({ code: z.string() });
export const csrBody = z.object({ csr: z.string() });
export const extendBody = z.object({ clientCertCsr: z.string() });
export const extendVerifyBody = z.object({ clientCert: z.string() });

export const authenticatorPutBody = z.object({ currentPassword: password, username, password, tags: z.record(z.string(), z.unknown()).nullish() });
export const authenticatorPatchBody = z.object({
  currentPassword: password,
  username: username.nullish(),
  password: password.nullish(),
  tags: z.record(z.string(), z.unknown()).nullish(),
});

export const enrollQuery = z.object({ token: z.string().optional(), method: z.string().optional() }).loose();
export const updbBody = z.object({ username: username.optional(), password });
export const ottBody = z.object({ token: z.string().optional(), clientCsr: z.string().optional() }).loose();
export const nonceBody = z.object({ nonce: z.uuid(), keyId: z.string().min(1) });
