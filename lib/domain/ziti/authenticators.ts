// The caller's own authenticators: list, change a password (current password required), and
// extend a certificate (a new certificate for a new CSR, current only after extend-verify).
import type { Tx } from '../../db/client';
import { hashPassword, verifyPassword } from '../secrets';
import type { ZitiCaller } from './api-sessions';
import { recordByCaller } from './activity';
import { zitiCa } from './ca';
import { limitedZitiAuth } from './auth-limits';
import { parseCsr, signClientCert, verifyClientCert } from './certs';
import { CLIENT_CERT_SECONDS } from './enrollment';
import { zitiErrors } from './errors';

export function listOwnAuthenticators(db: Tx, caller: ZitiCaller) {
  return db.zitiAuthenticator.findMany({ where: { identityId: caller.identity.id, accountId: caller.accountId }, orderBy: { createdAt: 'asc' } });
}

export async function ownAuthenticator(db: Tx, caller: ZitiCaller, id: string) {
  const a = await db.zitiAuthenticator.findFirst({ where: { id, identityId: caller.identity.id, accountId: caller.accountId } });
  if (!a) throw zitiErrors.notFound();
  return a;
}

/**
 * PUT (both fields) / PATCH (either): only updb authenticators, only with the current password.
 * Runs outside a transaction (the password check is limited like a sign-in): recorded last.
 */
export async function updateOwnAuthenticator(db: Tx, caller: ZitiCaller, id: string, input: { currentPassword: string; username?: string | null; password?: string | null }) {
  const a = await ownAuthenticator(db, caller, id);
  if (a.method !== 'updb') throw zitiErrors.canNotUpdateAuthenticator('Only username/password authenticators can be updated this way');
  // Counted like a sign-in under the user name from the address the session was opened from (the
  // limits are per name and address), so a session cannot guess its own password freely.
  await limitedZitiAuth(
    db,
    caller.apiSession.ip,
    a.username ?? undefined,
    async () => {
      if (!(await verifyPassword(input.currentPassword, a.passwordHash))) throw zitiErrors.unauthorized('The current password is not correct');
    },
    { countAddress: false },
  );
  const data: { username?: string; passwordHash?: string } = {};
  if (input.username && input.username !== a.username) {
    const holder = await db.zitiAuthenticator.findUnique({ where: { username: input.username }, select: { accountId: true } });
    // Unique across the installation; another account's is refused without saying it exists.
    if (holder) throw zitiErrors.conflict(holder.accountId === caller.accountId ? 'The username is already in use' : 'The username cannot be used, choose another');
    data.username = input.username;
  }
  if (input.password) data.passwordHash = await hashPassword(input.password);
  const updated = await db.zitiAuthenticator.update({ where: { id: a.id }, data });
  await recordByCaller(db, caller, {
    code: 'ziti.authenticator.update',
    activity: 'Ziti authenticator updated',
    targetId: updated.id,
    meta: { identity_id: caller.identity.id, password_changed: !!input.password },
  });
  return updated;
}

async function ownCertAuthenticator(db: Tx, caller: ZitiCaller, id: string) {
  const a = await ownAuthenticator(db, caller, id);
  if (a.method !== 'cert') throw zitiErrors.canNotUpdateAuthenticator('Only certificate authenticators can be extended');
  return a;
}

export async function extendCert(db: Tx, caller: ZitiCaller, id: string, csrPem: unknown) {
  const a = await ownCertAuthenticator(db, caller, id);
  const issued = await signClientCert(db, await parseCsr(csrPem), caller.identity.id, CLIENT_CERT_SECONDS);
  await db.zitiAuthenticator.update({ where: { id: a.id }, data: { unverifiedCertPem: issued.pem, unverifiedFingerprint: issued.fingerprint } });
  const ca = (await zitiCa(db)).certPem;
  await recordByCaller(db, caller, { code: 'ziti.authenticator.extend', activity: 'Ziti certificate extension requested', targetId: id, meta: { identity_id: caller.identity.id } });
  return { clientCert: issued.pem, ca };
}

/** The certificate from `extend` becomes the authenticator's; the previous one stops working. */
export async function verifyExtendedCert(db: Tx, caller: ZitiCaller, id: string, clientCert: string) {
  const a = await ownCertAuthenticator(db, caller, id);
  if (!a.unverifiedFingerprint) throw zitiErrors.couldNotValidate('No certificate extension is pending');
  let fingerprint: string;
  try {
    fingerprint = (await verifyClientCert(db, clientCert)).fingerprint;
  } catch {
    throw zitiErrors.invalidClientCert();
  }
  if (fingerprint !== a.unverifiedFingerprint) throw zitiErrors.invalidClientCert('The certificate is not the one issued by the extension request');
  await db.zitiAuthenticator.update({
    where: { id: a.id },
    data: { certPem: a.unverifiedCertPem, certFingerprint: fingerprint, unverifiedCertPem: '', unverifiedFingerprint: '' },
  });
  await recordByCaller(db, caller, { code: 'ziti.authenticator.extend.verify', activity: 'Ziti certificate extension verified', targetId: id, meta: { identity_id: caller.identity.id } });
}

/** How an API session's identity signed in (`updb`, `cert`; "" when its authenticator is gone). */
export async function authenticatorMethod(db: Tx, authenticatorId: string): Promise<string> {
  const a = await db.zitiAuthenticator.findUnique({ where: { id: authenticatorId }, select: { method: true } });
  return a?.method ?? '';
}
