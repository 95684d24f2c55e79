// TOTP MFA (RFC 6238, SHA-1, 6 digits, 30 s) for Ziti identities.
// The secret is sealed with the server key. Recovery codes are stored as SHA-256 hashes once MFA is
// verified; until then (and right after regeneration, in that response only) they are shown in plain:
// a pending enrollment keeps them sealed as `{"pending": "<sealed JSON>"}` so GET /current-identity/mfa
// can show them, as Ziti does, until verification.
import { randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Tx } from '../../db/client';
import type { ZitiIdentity } from '../../db/models';
import { CodedError } from '../errors';
import { jsonList, parseJsonList, parseJsonObject } from '../json';
import { hashSecret } from '../secrets';
import type { ZitiCaller } from './api-sessions';
import { recordByCaller } from './activity';
import { limitedMfaCheck } from './auth-limits';
import { zitiErrors } from './errors';
import { seal, unseal } from './server-key';

const ISSUER = 'meshdeck';
const RECOVERY_CODES = 20;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function totpFor(identity: ZitiIdentity): TOTP {
  const secret = Secret.fromBase32(unseal(identity.mfaSecret).toString('utf8'));
  return new TOTP({ issuer: ISSUER, label: identity.name, secret, algorithm: 'SHA1', digits: 6, period: 30 });
}

const newRecoveryCodes = () =>
  Array.from({ length: RECOVERY_CODES }, () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''));

function pendingCodes(identity: ZitiIdentity): string[] {
  const pending = parseJsonObject<{ pending?: string }>(identity.mfaRecoveryCodes)?.pending;
  return pending ? parseJsonList(unseal(pending).toString('utf8')) : [];
}

const hashedCodes = (codes: string[]) => jsonList(codes.map((c) => hashSecret(c.toUpperCase())));

export interface MfaState {
  identity: ZitiIdentity;
  isVerified: boolean;
  provisioningUrl?: string;
  recoveryCodes?: string[];
}

async function reload(db: Tx, caller: ZitiCaller) {
  return db.zitiIdentity.findUniqueOrThrow({ where: { id: caller.identity.id } });
}

/** GET /current-identity/mfa: 404 when no enrollment was started. */
export async function mfaState(db: Tx, caller: ZitiCaller): Promise<MfaState> {
  const identity = await reload(db, caller);
  if (!identity.mfaSecret) throw zitiErrors.notFound('MFA is not enrolled for this identity');
  if (identity.mfaEnabled) return { identity, isVerified: true };
  return { identity, isVerified: false, provisioningUrl: totpFor(identity).toString(), recoveryCodes: pendingCodes(identity) };
}

export async function startMfa(db: Tx, caller: ZitiCaller) {
  const identity = await reload(db, caller);
  if (identity.mfaSecret) throw zitiErrors.mfaExists();
  const secret = new Secret({ size: 20 }).base32;
  const started = await db.zitiIdentity.update({
    where: { id: identity.id },
    data: {
      mfaSecret: seal(secret),
      mfaEnabled: false,
      mfaCreatedAt: new Date(),
      mfaRecoveryCodes: JSON.stringify({ pending: seal(JSON.stringify(newRecoveryCodes())) }),
    },
  });
  await recordByCaller(db, caller, { code: 'ziti.mfa.enroll.start', activity: 'Ziti MFA enrollment started', targetId: started.id });
  return started;
}

const totpOk = (identity: ZitiIdentity, code: string) => /^\d{6}$/.test(code) && totpFor(identity).validate({ token: code, window: 1 }) !== null;

/**
 * A TOTP code, or (when `allowRecovery`) an unused recovery code, which is then used up. Wrong codes
 * count against the session's and the identity's limits (auth-limits.ts); `db` must be the client
 * itself (the routes that check codes run outside a transaction), so that the count outlives the error.
 */
function checkCode(db: Tx, caller: ZitiCaller, identity: ZitiIdentity, code: string | null | undefined, allowRecovery: boolean): Promise<boolean> {
  return limitedMfaCheck(db, caller.apiSession.id, identity.id, () => codeMatches(db, identity, code, allowRecovery));
}

async function codeMatches(db: Tx, identity: ZitiIdentity, code: string | null | undefined, allowRecovery: boolean): Promise<boolean> {
  const c = (code ?? '').trim();
  if (!c) return false;
  if (totpOk(identity, c)) return true;
  if (!allowRecovery || !identity.mfaEnabled) return false;
  const hashes = parseJsonList(identity.mfaRecoveryCodes);
  const h = hashSecret(c.toUpperCase());
  if (!hashes.includes(h)) return false;
  // Compare-and-set: of two concurrent uses of one recovery code, one wins.
  const used = await db.zitiIdentity.updateMany({
    where: { id: identity.id, mfaRecoveryCodes: identity.mfaRecoveryCodes },
    data: { mfaRecoveryCodes: jsonList(hashes.filter((x) => x !== h)) },
  });
  return used.count === 1;
}

// The writers that check a code run outside a transaction (see checkCode): each records its entry
// last, once every write of the change succeeded.

/** POST /current-identity/mfa/verify: completes enrollment; the current session counts as MFA-passed. */
export async function verifyMfa(db: Tx, caller: ZitiCaller, code: string) {
  const identity = await reload(db, caller);
  if (!identity.mfaSecret || identity.mfaEnabled) throw zitiErrors.notFound('No MFA enrollment is waiting for verification');
  if (!(await checkCode(db, caller, identity, code, false))) throw zitiErrors.mfaInvalidToken();
  await db.zitiIdentity.update({ where: { id: identity.id }, data: { mfaEnabled: true, mfaRecoveryCodes: hashedCodes(pendingCodes(identity)) } });
  await db.zitiApiSession.update({ where: { id: caller.apiSession.id }, data: { mfaRequired: true, mfaPassed: true } });
  await recordByCaller(db, caller, { code: 'ziti.mfa.enroll.verify', activity: 'Ziti MFA enrollment verified', targetId: caller.identity.id });
}

/** DELETE /current-identity/mfa: needs a valid code once verified (a pending enrollment needs none). */
export async function removeMfa(db: Tx, caller: ZitiCaller, code: string | null) {
  const identity = await reload(db, caller);
  if (!identity.mfaSecret) throw zitiErrors.notFound('MFA is not enrolled for this identity');
  if (identity.mfaEnabled && !(await checkCode(db, caller, identity, code, true))) throw zitiErrors.mfaInvalidToken();
  await db.zitiIdentity.update({ where: { id: identity.id }, data: { mfaSecret: '', mfaEnabled: false, mfaCreatedAt: null, mfaRecoveryCodes: '[]' } });
  await db.zitiApiSession.updateMany({ where: { identityId: identity.id }, data: { mfaRequired: false } });
  await recordByCaller(db, caller, { code: 'ziti.mfa.delete', activity: 'Ziti MFA removed', targetId: caller.identity.id });
}

/** POST /authenticate/mfa: a TOTP or recovery code completes a partial API session. */
export async function passMfa(db: Tx, caller: ZitiCaller, code: string) {
  const identity = await reload(db, caller);
  if (!identity.mfaEnabled) throw zitiErrors.mfaNotEnrolled();
  if (!(await checkCode(db, caller, identity, code, true))) throw new CodedError(401, 'MFA_INVALID_TOKEN', 'An invalid token/code was provided');
  await db.zitiApiSession.update({ where: { id: caller.apiSession.id }, data: { mfaPassed: true } });
}

/**
 * POST /current-api-session/totp-token: proof that the identity answered a TOTP challenge now, for
 * posture checks of the MFA kind. The token is random; meshdeck remembers when it was issued with
 * the identity's posture answers (posture is not enforced yet, see posture.ts).
 */
export async function issueTotpToken(db: Tx, caller: ZitiCaller, code: string, now = new Date()) {
  const identity = await reload(db, caller);
  if (!identity.mfaEnabled) throw zitiErrors.mfaNotEnrolled();
  if (!(await checkCode(db, caller, identity, code, false))) throw zitiErrors.mfaInvalidToken();
  return { token: randomBytes(32).toString('base64url'), issuedAt: now };
}

/** The provisioning URL as a PNG QR code, only while enrollment waits for verification. */
export async function mfaQrPng(db: Tx, caller: ZitiCaller): Promise<Buffer> {
  const identity = await reload(db, caller);
  if (!identity.mfaSecret || identity.mfaEnabled) throw zitiErrors.notFound('No MFA enrollment is waiting for verification');
  return QRCode.toBuffer(totpFor(identity).toString(), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 256 });
}

async function verifiedIdentity(db: Tx, caller: ZitiCaller, code: string | null | undefined) {
  const identity = await reload(db, caller);
  if (!identity.mfaEnabled) throw zitiErrors.notFound('MFA is not enrolled for this identity');
  if (!(await checkCode(db, caller, identity, code, false))) throw zitiErrors.mfaInvalidToken();
  return identity;
}

/** GET recovery-codes: how many unused codes remain (they are stored hashed, so not their text). */
export async function remainingRecoveryCodes(db: Tx, caller: ZitiCaller, code: string | null | undefined) {
  const identity = await verifiedIdentity(db, caller, code);
  return { identity, remaining: parseJsonList(identity.mfaRecoveryCodes).length };
}

/** POST recovery-codes: replaces every code; the new codes are returned this once. */
export async function regenerateRecoveryCodes(db: Tx, caller: ZitiCaller, code: string) {
  const identity = await verifiedIdentity(db, caller, code);
  const codes = newRecoveryCodes();
  await db.zitiIdentity.update({ where: { id: identity.id }, data: { mfaRecoveryCodes: hashedCodes(codes) } });
  await recordByCaller(db, caller, { code: 'ziti.mfa.recovery_codes.regenerate', activity: 'Ziti MFA recovery codes regenerated', targetId: caller.identity.id });
  return codes;
}
