// Enrollment over the Edge Client API: a one-time token (the enrollment JWT's jti) turns into a
// credential. `ott`: a CSR becomes a client certificate (cert authenticator); `updb`: a password is
// set (updb authenticator). Tokens are single use; checks come before any write, so a bad request
// stores nothing. A successful enrollment is recorded, the identity being its initiator.
import type { Tx } from '../../db/client';
import type { ZitiEnrollment } from '../../db/models';
import { recordChange } from '../audit';
import { newId } from '../ids';
import { hashPassword, hashSecret } from '../secrets';
import { zitiCa } from './ca';
import { parseCsr, signClientCert } from './certs';
import { zitiErrors } from './errors';
import { verifiedClaims } from './jwt';

/** Client certificates from enrollment are valid this long (Ziti's default is one year). */
export const CLIENT_CERT_SECONDS = 365 * 86400;

/** Accepts the token itself (the jti) or the whole enrollment JWT. */
async function tokenOf(db: Tx, presented: string): Promise<string> {
  if (presented.split('.').length !== 3) return presented;
  const claims = await verifiedClaims(db, presented);
  if (!claims || typeof claims.jti !== 'string') throw zitiErrors.invalidEnrollmentToken();
  return claims.jti;
}

export async function openEnrollment(db: Tx, presented: string | null | undefined, method?: string): Promise<ZitiEnrollment> {
  if (!presented) throw zitiErrors.invalidEnrollmentToken('An enrollment token is required');
  const enrollment = await db.zitiEnrollment.findUnique({ where: { tokenHash: hashSecret(await tokenOf(db, presented)) } });
  if (!enrollment || enrollment.usedAt) throw zitiErrors.invalidEnrollmentToken();
  if (enrollment.expiresAt <= new Date()) throw zitiErrors.enrollmentExpired();
  if (method && method !== enrollment.method) throw zitiErrors.invalidEnrollMethod(`The token is for "${enrollment.method}" enrollment, not "${method}"`);
  return enrollment;
}

/** Marks the enrollment used; a concurrent use of the same token loses. */
async function consume(db: Tx, enrollment: ZitiEnrollment) {
  const { count } = await db.zitiEnrollment.updateMany({ where: { id: enrollment.id, usedAt: null }, data: { usedAt: new Date() } });
  if (count !== 1) throw zitiErrors.invalidEnrollmentToken();
}

async function recordEnrolled(db: Tx, enrollment: ZitiEnrollment) {
  await recordChange(db, null, {
    accountId: enrollment.accountId,
    code: 'ziti.identity.enroll',
    activity: 'Ziti identity enrolled',
    targetId: enrollment.identityId,
    meta: { method: enrollment.method },
    initiator: { id: enrollment.identityId, name: 'ziti enrollment' },
  });
}

export type EnrollResult = { method: 'ott'; cert: string; ca: string } | { method: 'updb' };

/** Redeems the token by its method (`method` may be omitted: the token knows it). */
export async function enroll(db: Tx, presented: string | null | undefined, method: string | undefined, input: { csr?: string; username?: string; password?: string }): Promise<EnrollResult> {
  const m = method || (await openEnrollment(db, presented)).method;
  if (m === 'ott') {
    const r = await enrollOtt(db, presented, input.csr);
    return { method: 'ott', cert: r.cert, ca: r.ca };
  }
  if (m === 'updb') {
    await enrollUpdb(db, presented, input);
    return { method: 'updb' };
  }
  if (m === 'ottca') throw zitiErrors.enrollmentNoValidCas('No third-party CAs are configured; use ott or updb enrollment');
  throw zitiErrors.invalidEnrollMethod();
}

export async function enrollOtt(db: Tx, presented: string | null | undefined, csrPem: unknown) {
  const enrollment = await openEnrollment(db, presented, 'ott');
  const csr = await parseCsr(csrPem);
  const issued = await signClientCert(db, csr, enrollment.identityId, CLIENT_CERT_SECONDS);
  await consume(db, enrollment);
  await db.zitiAuthenticator.create({
    data: {
      id: newId(),
      accountId: enrollment.accountId,
      identityId: enrollment.identityId,
      method: 'cert',
      certFingerprint: issued.fingerprint,
      certPem: issued.pem,
    },
  });
  const ca = (await zitiCa(db)).certPem;
  await recordEnrolled(db, enrollment);
  return { enrollment, cert: issued.pem, ca };
}

export async function enrollUpdb(db: Tx, presented: string | null | undefined, input: { username?: string; password?: string }) {
  const enrollment = await openEnrollment(db, presented, 'updb');
  const username = enrollment.username || (input.username ?? '').trim();
  if (input.username && enrollment.username && input.username !== enrollment.username) {
    throw zitiErrors.couldNotValidate('The username does not match the enrollment');
  }
  const password = input.password ?? '';
  if (password.length < 5 || password.length > 100) throw zitiErrors.couldNotValidate('The password must be 5 to 100 characters');
  const holder = await db.zitiAuthenticator.findUnique({ where: { username }, select: { accountId: true } });
  // Unique across the installation; another account's is refused without saying it exists.
  if (holder) throw zitiErrors.conflict(holder.accountId === enrollment.accountId ? 'The username is already in use' : 'The username cannot be used, choose another');
  await consume(db, enrollment);
  await db.zitiAuthenticator.create({
    data: {
      id: newId(),
      accountId: enrollment.accountId,
      identityId: enrollment.identityId,
      method: 'updb',
      username,
      passwordHash: await hashPassword(password),
    },
  });
  await recordEnrolled(db, enrollment);
  return { enrollment };
}
