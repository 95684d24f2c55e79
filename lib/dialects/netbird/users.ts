// NetBird wire shapes for users and personal access tokens (components.schemas.User,
// UserCreateRequest, UserRequest, PersonalAccessToken, PersonalAccessTokenGenerated,
// PersonalAccessTokenRequest).
import { z } from 'zod';
import type { ApiToken, User } from '../../db/models';
import type { Actor } from '../../domain/actor';
import { allows, isRole } from '../../domain/users/roles';
import { parseJsonList } from '../../domain/json';
import { displayEmail } from '../../domain/users/users';

const MODULES = ['peers', 'groups', 'policies', 'setup_keys', 'users', 'routes', 'networks', 'dns', 'events', 'settings', 'accounts'];

function permissionsFor(role: string) {
  const r = isRole(role) ? role : 'user';
  const write = allows(r, 'admin');
  const read = r !== 'user';
  const modules: Record<string, Record<string, boolean>> = {};
  for (const m of MODULES) modules[m] = { read: read || m === 'peers', create: write, update: write, delete: write };
  return { is_restricted: r === 'user', modules };
}

export function toNetbirdUser(user: User, actor: Actor) {
  return {
    id: user.id,
    email: displayEmail(user),
    name: user.name,
    role: user.role,
    // NetBird shows a user waiting for approval as blocked, with pending_approval set.
    status: user.status === 'pending' ? 'blocked' : user.status,
    ...(user.lastLogin ? { last_login: user.lastLogin.toISOString() } : {}),
    auto_groups: parseJsonList(user.autoGroups),
    is_current: user.id === actor.userId,
    is_service_user: user.isServiceUser,
    is_blocked: user.status === 'blocked' || user.status === 'pending',
    pending_approval: user.status === 'pending',
    issued: user.issued,
    permissions: permissionsFor(user.role),
  };
}

export function toNetbirdToken(t: ApiToken) {
  return {
    id: t.id,
    name: t.name,
    expiration_date: t.expiresAt.toISOString(),
    created_by: t.createdById,
    created_at: t.createdAt.toISOString(),
    ...(t.lastUsedAt ? { last_used: t.lastUsedAt.toISOString() } : {}),
  };
}

export const tokenRequest = z.object({
  name: z.string(),
  expires_in: z.number().int(),
});

export const userCreateRequest = z.object({
  email: z.string().optional(),
  name: z.string().optional(),
  role: z.string(),
  auto_groups: z.array(z.string()),
  is_service_user: z.boolean(),
});

export const userUpdateRequest = z.object({
  role: z.string(),
  auto_groups: z.array(z.string()),
  is_blocked: z.boolean(),
});

/** Go's strconv.ParseBool spellings, as NetBird parses `service_user`. */
const BOOL_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const BOOL_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

export const usersQuery = z.object({
  service_user: z
    .enum([...BOOL_TRUE, ...BOOL_FALSE] as [string, ...string[]])
    .transform((v) => BOOL_TRUE.includes(v))
    .optional(),
});

export type NetbirdUser = ReturnType<typeof toNetbirdUser>;
export type NetbirdToken = ReturnType<typeof toNetbirdToken>;
