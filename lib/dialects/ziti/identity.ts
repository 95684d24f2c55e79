// Shapes of the current identity, its authenticators and its MFA state.
import type { ZitiAuthenticator, ZitiIdentity } from '../../db/models';
import { parseJsonList, parseJsonObject } from '../../domain/json';
import { baseEntity, entityRef } from './envelope';

export function identityDetail(identity: ZitiIdentity, authenticators: ZitiAuthenticator[], hasApiSession: boolean) {
  const updb = authenticators.find((a) => a.method === 'updb');
  const cert = authenticators.find((a) => a.method === 'cert');
  return {
    ...baseEntity(identity, `identities/${identity.id}`, parseJsonObject<Record<string, unknown>>(identity.tags) ?? {}),
    name: identity.name,
    appData: parseJsonObject(identity.appData) ?? {},
    authPolicy: entityRef('authPolicy', 'default', 'Default', 'auth-policies/default'),
    authPolicyId: 'default',
    authenticators: {
      ...(updb ? { updb: { id: updb.id, username: updb.username ?? '' } } : {}),
      ...(cert ? { cert: { id: cert.id, fingerprint: cert.certFingerprint ?? '' } } : {}),
    },
    defaultHostingCost: 0,
    defaultHostingPrecedence: 'default',
    disabled: identity.disabled,
    edgeRouterConnectionStatus: 'unknown',
    // Open enrollments are not shown: their tokens are stored hashed and were handed out once.
    enrollment: {},
    envInfo: {},
    externalId: null,
    hasApiSession,
    hasEdgeRouterConnection: false,
    isAdmin: identity.isAdmin,
    isDefaultAdmin: false,
    isMfaEnabled: identity.mfaEnabled,
    permissions: identity.isAdmin ? ['admin'] : [],
    roleAttributes: parseJsonList(identity.roleAttributes),
    sdkInfo: {},
    serviceHostingCosts: {},
    serviceHostingPrecedences: {},
    type: entityRef('identityType', identity.type, identity.type, `identity-types/${identity.type}`),
    typeId: identity.type,
  };
}

export function authenticatorDetail(a: ZitiAuthenticator, identity: ZitiIdentity) {
  return {
    ...baseEntity(a, `current-identity/authenticators/${a.id}`),
    method: a.method,
    identityId: identity.id,
    identity: entityRef('identity', identity.id, identity.name, `identities/${identity.id}`),
    ...(a.method === 'updb' ? { username: a.username ?? '' } : { certPem: a.certPem, fingerprint: a.certFingerprint ?? '' }),
    isIssuedByNetwork: a.method === 'cert',
    isExtendRequested: false,
    isKeyRollRequested: false,
    lastAuthResolvedToRoot: false,
    lastExtendRolledKeys: false,
  };
}

export function mfaDetail(identity: ZitiIdentity, state: { isVerified: boolean; provisioningUrl?: string; recoveryCodes?: string[] }) {
  return {
    ...baseEntity({ id: identity.id, createdAt: identity.mfaCreatedAt ?? identity.updatedAt, updatedAt: identity.updatedAt }, 'current-identity/mfa'),
    isVerified: state.isVerified,
    ...(state.isVerified ? {} : { provisioningUrl: state.provisioningUrl, recoveryCodes: state.recoveryCodes }),
  };
}

/** Recovery codes are stored hashed: after verification only their number can be shown. */
export function recoveryCodesDetail(identity: ZitiIdentity, remaining: number) {
  return {
    ...baseEntity({ id: identity.id, createdAt: identity.mfaCreatedAt ?? identity.updatedAt, updatedAt: identity.updatedAt }, 'current-identity/mfa/recovery-codes'),
    recoveryCodes: Array.from({ length: remaining }, () => '********'),
  };
}
