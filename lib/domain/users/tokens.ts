// Personal access tokens: created for a user, shown once, stored as a hash, accepted by every dialect.
import { checkAccountActive } from '../accounts/suspension';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { newId } from '../ids';
import { allows, isRole } from './roles';
import { accessTokenLooksValid, hashSecret, newAccessToken } from '../secrets';
import { checkNameChars } from '../names';

const DAY = 86_400_000;
/** last_used is refreshed at most this often, so authenticating does not write on every request. */
const LAST_USED_GRANULARITY = 60_000;

async function tokenOwnerFor(db: Tx, actor: Actor, userId: string, action: 'read' | 'write') {
  const user = await db.user.findFirst({ where: { id: userId, accountId: actor.accountId } });
  if (!user) throw new NotFoundError('user', userId);
  if (user.id === actor.userId) {
    if (action === 'write' && !allows(actor.role, 'self')) throw new ForbiddenError('auditors cannot manage tokens');
    return user;
  }
  // Other people's tokens: admins manage those of service users only; auditors may look.
  const may = action === 'read' ? allows(actor.role, 'audit') : allows(actor.role, 'admin') && user.isServiceUser;
  if (!may) throw new ForbiddenError('you may only manage your own tokens or, as an admin, those of service users');
  return user;
}

/** A user's request for a token (NetBird POST /api/users/{id}/tokens): creates it and records personal.access.token.create. */
export async function createToken(db: Tx, actor: Actor, userId: string, input: { name: string; expiresInDays: number }) {
  const { plain, token } = await seedToken(db, actor, userId, input);
  await recordChange(db, actor, { code: 'personal.access.token.create', activity: 'Personal access token created', targetId: token.id, meta: { name: token.name, user_id: token.userId } });
  return { plain, token };
}

/**
 * Creates the token WITHOUT an audit entry: only for seeding outside any request (test fixtures,
 * benchmarks), whose tokens are no change anyone made. Everything else calls createToken.
 */
export async function seedToken(db: Tx, actor: Actor, userId: string, input: { name: string; expiresInDays: number }) {
  const name = input.name.trim();
  if (!name) throw new ValidationError('token name cannot be empty');
  checkNameChars(name);
  if (name.length > 255) throw new ValidationError('token name is too long (255 characters at most)');
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 365) {
    throw new ValidationError('expiration has to be between 1 and 365 days');
  }
  const user = await tokenOwnerFor(db, actor, userId, 'write');
  const plain = newAccessToken();
  const token = await db.apiToken.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      userId: user.id,
      createdById: actor.userId,
      name,
      secretHash: hashSecret(plain),
      prefix: plain.slice(0, 8),
      expiresAt: new Date(Date.now() + input.expiresInDays * DAY),
    },
  });
  return { plain, token };
}

export async function listTokens(db: Tx, actor: Actor, userId: string) {
  await tokenOwnerFor(db, actor, userId, 'read');
  return db.apiToken.findMany({ where: { userId, accountId: actor.accountId }, orderBy: { createdAt: 'asc' } });
}

export async function getToken(db: Tx, actor: Actor, userId: string, tokenId: string) {
  await tokenOwnerFor(db, actor, userId, 'read');
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId, accountId: actor.accountId } });
  if (!token) throw new NotFoundError('token', tokenId);
  return token;
}

export async function deleteToken(db: Tx, actor: Actor, userId: string, tokenId: string) {
  await tokenOwnerFor(db, actor, userId, 'write');
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId, accountId: actor.accountId } });
  if (!token) throw new NotFoundError('token', tokenId);
  await db.apiToken.delete({ where: { id: token.id } });
  await recordChange(db, actor, { code: 'personal.access.token.delete', activity: 'Personal access token deleted', targetId: token.id, meta: { name: token.name, user_id: token.userId } });
  return token;
}

/** Resolves a presented token to the acting user, or throws UnauthorizedError/ForbiddenError. */
export async function authenticateToken(db: Tx, presented: string, now = new Date()): Promise<Actor> {
  if (!accessTokenLooksValid(presented)) throw new UnauthorizedError('token invalid');
  const token = await db.apiToken.findUnique({ where: { secretHash: hashSecret(presented) }, include: { user: true, account: { select: { status: true, apiRequestsPerMinute: true } } } });
  if (!token) throw new UnauthorizedError('token invalid');
  if (token.expiresAt <= now) throw new UnauthorizedError('token expired');
  checkAccountActive(token.account.status);
  const user = token.user;
  if (user.status === 'blocked') throw new ForbiddenError('user is blocked');
  if (user.status !== 'active') throw new ForbiddenError(`user is ${user.status}`);
  if (!isRole(user.role)) throw new ForbiddenError(`unknown role ${user.role}`);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: user.id,
    accountId: user.accountId,
    role: user.role,
    name: user.name,
    email: user.email,
    via: 'token',
    tokenId: token.id,
    requestQuota: token.account.apiRequestsPerMinute,
  };
}
