// Shared steps of the Ziti API tests: create an identity in meshdeck (console endpoint, API token),
// enroll it, authenticate.
import { expect } from 'vitest';
import { sendJson } from './http';
import { authHeaders } from './fixtures';
import { makeCsr } from './ziti-pki';
import { ziti } from './ziti-client';

export interface CreatedIdentity {
  identity: { id: string; name: string };
  enrollment: { id: string; token: string; jwt: string; method: string; expires_at: string };
}

export async function createZitiIdentity(apiToken: string, body: Record<string, unknown>): Promise<CreatedIdentity> {
  const r = await sendJson('POST', '/api/console/ziti/identities', authHeaders(apiToken), body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** OTT enrollment the way SDKs do it: the CSR PEM as the body of POST /enroll. */
export async function enrollOtt(token: string) {
  const csr = await makeCsr();
  const r = await ziti()('POST', `/enroll?method=ott&token=${encodeURIComponent(token)}`, csr.pem, { contentType: 'application/x-pem-file' });
  return { ...r, keys: csr.keys };
}

export async function passwordLogin(username: string, password: string) {
  return ziti()('POST', '/authenticate?method=password', { username, password });
}

export async function certLogin(certPem: string) {
  return ziti()('POST', '/authenticate?method=cert', {}, { headers: { 'X-Client-Cert': encodeURIComponent(certPem) } });
}
