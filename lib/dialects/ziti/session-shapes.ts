// Shapes of API sessions and their certificates.
import type { ZitiApiSession, ZitiApiSessionCertificate, ZitiIdentity } from '../../db/models';
import { parseJsonList } from '../../domain/json';
import { baseEntity, entityRef } from './envelope';

/** What a partial session still has to do: Ziti's MFA auth query. */
const MFA_QUERY = { provider: 'ziti', typeId: 'MFA', format: 'numeric', minLength: 6, maxLength: 8, httpMethod: 'POST', httpUrl: './authenticate/mfa', isTotpEnrolled: true };

export function apiSessionDetail(s: ZitiApiSession, identity: ZitiIdentity, token: string, authenticatorMethod: string) {
  const pendingMfa = s.mfaRequired && !s.mfaPassed;
  return {
    ...baseEntity(s, 'current-api-session'),
    token,
    identityId: identity.id,
    identity: entityRef('identity', identity.id, identity.name, `identities/${identity.id}`),
    authenticatorId: s.authenticatorId,
    authQueries: pendingMfa ? [MFA_QUERY] : [],
    configTypes: parseJsonList(s.configTypes),
    ipAddress: s.ip,
    isMfaRequired: s.mfaRequired,
    isMfaComplete: s.mfaPassed,
    isCertExtendable: authenticatorMethod === 'cert',
    isCertExtendRequested: false,
    isCertKeyRollRequested: false,
    improperClientCertChain: false,
    lastActivityAt: s.lastActivityAt.toISOString(),
    cachedLastActivityAt: s.lastActivityAt.toISOString(),
    cachedUpdatedAt: s.updatedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    expirationSeconds: Math.max(0, Math.round((s.expiresAt.getTime() - Date.now()) / 1000)),
  };
}

export function sessionCertDetail(c: ZitiApiSessionCertificate) {
  return {
    ...baseEntity(c, `current-api-session/certificates/${c.id}`),
    certificate: c.pem,
    fingerprint: c.fingerprint,
    subject: c.subject,
    validFrom: c.validFrom.toISOString(),
    validTo: c.validTo.toISOString(),
  };
}
