// Ephemeral client certificates for the current API session (`/current-api-session/certificates`):
// signed from the caller's CSR, gone with the API session.
import type { Tx } from '../../db/client';
import { newId } from '../ids';
import type { ZitiCaller } from './api-sessions';
import { parseCsr, signClientCert } from './certs';
import { zitiErrors } from './errors';

/** Ziti issues session certificates for a short time; 12 hours here. */
export const SESSION_CERT_SECONDS = 12 * 3600;

export function listSessionCerts(db: Tx, caller: ZitiCaller) {
  return db.zitiApiSessionCertificate.findMany({ where: { apiSessionId: caller.apiSession.id, accountId: caller.accountId }, orderBy: { createdAt: 'asc' } });
}

export async function sessionCert(db: Tx, caller: ZitiCaller, id: string) {
  const c = await db.zitiApiSessionCertificate.findFirst({ where: { id, apiSessionId: caller.apiSession.id, accountId: caller.accountId } });
  if (!c) throw zitiErrors.notFound();
  return c;
}

export async function createSessionCert(db: Tx, caller: ZitiCaller, csrPem: unknown) {
  const issued = await signClientCert(db, await parseCsr(csrPem), caller.identity.id, SESSION_CERT_SECONDS);
  return db.zitiApiSessionCertificate.create({
    data: {
      id: newId(),
      accountId: caller.accountId,
      apiSessionId: caller.apiSession.id,
      subject: issued.subject,
      fingerprint: issued.fingerprint,
      pem: issued.pem,
      validFrom: issued.validFrom,
      validTo: issued.validTo,
    },
  });
}

export async function deleteSessionCert(db: Tx, caller: ZitiCaller, id: string) {
  const c = await sessionCert(db, caller, id);
  await db.zitiApiSessionCertificate.delete({ where: { id: c.id } });
}
