// The console's Ziti API sessions and service sessions (meshdeck's own endpoints, NetBird-styled:
// snake_case JSON, RFC 3339 times). Tokens are never shown: only their hashes are stored.
import type { ApiSessionRow, ServiceSessionRow } from '../../domain/ziti/session-admin';

/** `pending`: the identity has MFA and the session has not passed the MFA step yet (partial). */
const mfaState = (s: { mfaRequired: boolean; mfaPassed: boolean }) => (!s.mfaRequired ? 'not_required' : s.mfaPassed ? 'passed' : 'pending');

export function toApiSession(s: ApiSessionRow, now = new Date()) {
  return {
    id: s.id,
    identity: { id: s.identity.id, name: s.identity.name },
    ip: s.ip,
    mfa: mfaState(s),
    sessions: s._count.sessions,
    created_at: s.createdAt.toISOString(),
    last_activity_at: s.lastActivityAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
    expired: s.expiresAt <= now,
  };
}

export function toServiceSession(r: ServiceSessionRow) {
  return {
    id: r.session.id,
    type: r.session.type,
    identity: { id: r.session.identityId, name: r.identityName },
    service: { id: r.session.serviceId, name: r.serviceName },
    api_session_id: r.session.apiSessionId,
    created_at: r.session.createdAt.toISOString(),
  };
}

export type ZitiApiSessionView = ReturnType<typeof toApiSession>;
export type ZitiServiceSessionView = ReturnType<typeof toServiceSession>;
