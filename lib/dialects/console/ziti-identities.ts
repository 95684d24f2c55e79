// meshdeck's own endpoints for managing Ziti identities (console and API tokens), NetBird-styled:
// snake_case JSON, NetBird's error shape.
import { z } from 'zod';
import { parseJsonList } from '../../domain/json';
import type { listIdentities } from '../../domain/ziti/identities';
import { ENROLLMENT_METHODS, IDENTITY_TYPES } from '../../domain/ziti/identities';

const enrollment = {
  enrollment_method: z.enum(ENROLLMENT_METHODS).default('ott'),
  username: z.string().optional(),
  expires_in_minutes: z.number().int().optional(),
};

export const identityRequest = z.object({
  name: z.string(),
  type: z.enum(IDENTITY_TYPES).default('Default'),
  role_attributes: z.array(z.string()).default([]),
  peer_id: z.string().nullish(),
  user_id: z.string().nullish(),
  is_admin: z.boolean().default(false),
  ...enrollment,
});

export const enrollmentRequest = z.object(enrollment);

type Listed = Awaited<ReturnType<typeof listIdentities>>[number];

export function toIdentity(i: Listed) {
  return {
    id: i.id,
    name: i.name,
    type: i.type,
    role_attributes: parseJsonList(i.roleAttributes),
    peer_id: i.peerId,
    user_id: i.userId,
    is_admin: i.isAdmin,
    disabled: i.disabled,
    mfa_enabled: i.mfaEnabled,
    authenticators: i.authenticators.map((a) => ({ id: a.id, method: a.method, username: a.username, fingerprint: a.certFingerprint })),
    pending_enrollments: i.enrollments.map((e) => ({ id: e.id, method: e.method, expires_at: e.expiresAt.toISOString() })),
    api_sessions: i._count.apiSessions,
    created_at: i.createdAt.toISOString(),
  };
}

export const toEnrollment = (e: { id: string; method: string; expiresAt: Date }, token: string, jwt: string) => ({
  id: e.id,
  method: e.method,
  expires_at: e.expiresAt.toISOString(),
  token,
  jwt,
});

export type ZitiIdentityView = ReturnType<typeof toIdentity>;
export type ZitiEnrollmentView = ReturnType<typeof toEnrollment>;
