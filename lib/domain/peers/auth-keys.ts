// Tailscale auth keys ARE setup keys: a key made here is a NetBird setup key and the other way
// round. Tailscale's rules differ from NetBird's (expiry from 1 second to 90 days, default 90
// days; single-use unless reusable; not preauthorized unless asked; tags instead of groups), so
// creation has its own function; the key format stays NetBird's (an upper-case UUID).
// Deleting a key through Tailscale revokes it: Tailscale still answers it, marked invalid.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { checkTags } from './devices';
import { checkTagOwners } from '../acl/tag-owners';
import { ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonList } from '../json';
import { hashSecret } from '../secrets';
import { getSetupKey, keyState, listSetupKeys, setupKeyActivity } from './setup-keys';
import { recordChange } from '../audit';

export const DEFAULT_AUTH_KEY_EXPIRY = 90 * 86_400;
export const MAX_AUTH_KEY_EXPIRY = 90 * 86_400;

export interface NewAuthKey {
  description?: string;
  /** Seconds; 0 or absent means the default (90 days). */
  expirySeconds?: number;
  reusable?: boolean;
  ephemeral?: boolean;
  preauthorized?: boolean;
  tags?: string[];
}

export async function createAuthKey(db: Tx, actor: Actor, input: NewAuthKey) {
  const description = (input.description ?? '').trim();
  if (description.length > 50 || !/^[A-Za-z0-9 -]*$/.test(description)) {
    throw new ValidationError('description can be at most 50 characters: letters, digits, hyphens and spaces');
  }
  const expiry = input.expirySeconds || DEFAULT_AUTH_KEY_EXPIRY;
  if (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_AUTH_KEY_EXPIRY) {
    throw new ValidationError(`expirySeconds must be between 1 and ${MAX_AUTH_KEY_EXPIRY} (90 days)`);
  }
  const tags = checkTags(input.tags ?? []);
  // Devices joining with the key get its tags, so the key may only carry tags its creator could apply.
  await checkTagOwners(db, actor, tags);
  const plain = randomUUID().toUpperCase();
  const now = new Date();
  const reusable = input.reusable ?? false;
  const key = await db.setupKey.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      name: description || 'auth key',
      keyHash: hashSecret(plain),
      keyPrefix: plain.slice(0, 5),
      type: reusable ? 'reusable' : 'one-off',
      expiresAt: new Date(now.getTime() + expiry * 1000),
      usageLimit: reusable ? 0 : 1,
      ephemeral: input.ephemeral ?? false,
      preauthorized: input.preauthorized ?? false,
      tags: jsonList(tags),
      createdAt: now,
      updatedAt: now,
    },
  });
  await recordChange(db, actor, setupKeyActivity.created(key));
  return { plain, key };
}

/** Tailscale lists active keys only: not revoked, not expired, not used up. */
export async function listActiveAuthKeys(db: Tx, actor: Actor, now = new Date()) {
  return (await listSetupKeys(db, actor)).filter((k) => keyState(k, now) === 'valid');
}

export async function revokeAuthKey(db: Tx, actor: Actor, id: string) {
  const key = await getSetupKey(db, actor, id);
  if (key.revoked) return { key, revokedNow: false };
  const updated = await db.setupKey.update({ where: { id: key.id }, data: { revoked: true, updatedAt: new Date() } });
  await recordChange(db, actor, setupKeyActivity.revoked(updated));
  return { key: updated, revokedNow: true };
}
