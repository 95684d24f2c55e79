// Ziti identities as meshdeck admins manage them (console / API token): create with an enrollment,
// re-issue an enrollment, list, delete. All scoped by actor.accountId.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonList } from '../json';
import { hashSecret } from '../secrets';
import { signJwt } from './jwt';
import { checkNameChars } from '../names';

export const IDENTITY_TYPES = ['User', 'Device', 'Default', 'Router'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];
export const ENROLLMENT_METHODS = ['ott', 'updb'] as const;
export type EnrollmentMethod = (typeof ENROLLMENT_METHODS)[number];

const DEFAULT_ENROLLMENT_MINUTES = 24 * 60;
const ROLE_ATTRIBUTE = /^[^#@\s][^\s]{0,127}$/;

export interface IdentityInput {
  name: string;
  type?: IdentityType;
  roleAttributes?: string[];
  peerId?: string | null;
  userId?: string | null;
  isAdmin?: boolean;
}

export interface EnrollmentInput {
  method: EnrollmentMethod;
  /** updb only: the user name the password will be set for (unique across the installation). */
  username?: string;
  expiresInMinutes?: number;
}

async function checkLinks(db: Tx, actor: Actor, input: IdentityInput) {
  if (input.peerId && !(await db.peer.findFirst({ where: { id: input.peerId, accountId: actor.accountId }, select: { id: true } }))) {
    throw new NotFoundError('peer', input.peerId);
  }
  if (input.userId && !(await db.user.findFirst({ where: { id: input.userId, accountId: actor.accountId }, select: { id: true } }))) {
    throw new NotFoundError('user', input.userId);
  }
}

function checkAttributes(attrs: string[]) {
  for (const a of attrs) if (!ROLE_ATTRIBUTE.test(a)) throw new ValidationError(`invalid role attribute "${a}": no spaces, must not start with # or @`, 'value', 'roleAttributes');
}

/** A new identity with its first enrollment; recorded as one change (the identity's creation). */
export async function createIdentity(db: Tx, actor: Actor, input: IdentityInput, enrollment: EnrollmentInput, issuer: string) {
  const name = input.name.trim();
  if (!name || name.length > 255) throw new ValidationError('identity name must be 1 to 255 characters', 'value', 'name');
  checkNameChars(name);
  checkAttributes(input.roleAttributes ?? []);
  await checkLinks(db, actor, input);
  if (await db.zitiIdentity.findFirst({ where: { accountId: actor.accountId, name }, select: { id: true } })) {
    throw new ConflictError(`an identity named "${name}" already exists`);
  }
  const identity = await db.zitiIdentity.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      name,
      type: input.type ?? 'Default',
      roleAttributes: jsonList(input.roleAttributes ?? []),
      peerId: input.peerId || null,
      userId: input.userId || null,
      isAdmin: input.isAdmin ?? false,
    },
  });
  const issued = await newEnrollment(db, actor, identity.id, enrollment, issuer);
  await recordChange(db, actor, { code: 'ziti.identity.create', activity: 'Ziti identity created', targetId: identity.id, meta: { name: identity.name, enrollment: enrollment.method } });
  return { identity, ...issued };
}

/** A new one-time enrollment for the identity (replacing an unused one of the method); recorded. */
export async function issueEnrollment(db: Tx, actor: Actor, identityId: string, input: EnrollmentInput, issuer: string) {
  const issued = await newEnrollment(db, actor, identityId, input, issuer);
  await recordChange(db, actor, { code: 'ziti.enrollment.create', activity: 'Ziti enrollment token created', targetId: identityId, meta: { method: issued.enrollment.method } });
  return issued;
}

/** A new one-time enrollment; its token is the JWT's jti, stored hashed. */
async function newEnrollment(db: Tx, actor: Actor, identityId: string, input: EnrollmentInput, issuer: string) {
  const identity = await db.zitiIdentity.findFirst({ where: { id: identityId, accountId: actor.accountId } });
  if (!identity) throw new NotFoundError('identity', identityId);
  const minutes = input.expiresInMinutes ?? DEFAULT_ENROLLMENT_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 30 * 24 * 60) throw new ValidationError('enrollment expiry must be 1 minute to 30 days', 'value', 'expiresInMinutes');
  const username = input.method === 'updb' ? (input.username ?? '').trim() : '';
  if (input.method === 'updb') {
    if (username.length < 4 || username.length > 100) throw new ValidationError('username must be 4 to 100 characters', 'value', 'username');
    const taken = (await db.zitiAuthenticator.findUnique({ where: { username } })) || (await db.zitiEnrollment.findFirst({ where: { username, usedAt: null, expiresAt: { gt: new Date() } } }));
    // User names are unique across the installation (password sign-in names no account); one in
    // another account is refused without saying it exists there.
    if (taken) throw new ConflictError(taken.accountId === actor.accountId ? `the username "${username}" is already in use` : `the username "${username}" cannot be used: choose another`);
  }
  // One open enrollment per method: a new one replaces the previous.
  await db.zitiEnrollment.deleteMany({ where: { identityId, accountId: actor.accountId, method: input.method, usedAt: null } });
  const token = randomUUID();
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const enrollment = await db.zitiEnrollment.create({
    data: { id: newId(), accountId: actor.accountId, identityId, method: input.method, tokenHash: hashSecret(token), expiresAt, username },
  });
  const jwt = await signJwt(db, {
    iss: issuer,
    sub: identityId,
    aud: [''],
    exp: Math.floor(expiresAt.getTime() / 1000),
    jti: token,
    em: input.method,
    ctrls: [issuer],
  });
  return { enrollment, token, jwt };
}

export async function listIdentities(db: Tx, actor: Actor) {
  return db.zitiIdentity.findMany({
    where: { accountId: actor.accountId },
    orderBy: { name: 'asc' },
    include: {
      authenticators: { select: { id: true, method: true, username: true, certFingerprint: true } },
      enrollments: { where: { usedAt: null }, select: { id: true, method: true, expiresAt: true } },
      _count: { select: { apiSessions: true } },
    },
  });
}

export async function deleteIdentity(db: Tx, actor: Actor, identityId: string) {
  const identity = await db.zitiIdentity.findFirst({ where: { id: identityId, accountId: actor.accountId } });
  if (!identity) throw new NotFoundError('identity', identityId);
  await db.zitiIdentity.delete({ where: { id: identity.id } });
  await recordChange(db, actor, { code: 'ziti.identity.delete', activity: 'Ziti identity deleted', targetId: identity.id, meta: { name: identity.name } });
  return identity;
}
