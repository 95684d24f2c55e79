// Show-once invitation links for people who have no password yet (an account's first owner, made
// by an operator). The link carries a random secret; only its hash is stored, and using the link
// sets the person's password, activates their user and deletes the invitation.
import type { Tx } from '../../db/client';
import { NotFoundError, ConflictError } from '../errors';
import { hashSecret, randomBase62 } from '../secrets';
import { setPersonPassword } from './people';

const INVITE_DAYS = 7;

/** Creates an invitation and returns its secret (shown once, in the link). */
export async function createAccountInvite(db: Tx, user: { id: string; accountId: string; email: string }, now = new Date()) {
  const secret = `mdinv_${randomBase62(40)}`;
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  await db.accountInvite.create({ data: { tokenHash: hashSecret(secret), accountId: user.accountId, userId: user.id, email: user.email, expiresAt } });
  return { secret, expiresAt };
}

/** The path of the console page that takes an invitation's secret. */
export const invitePath = (secret: string) => `/app/invite#${secret}`;

async function liveInvite(db: Tx, secret: string, now: Date) {
  const invite = secret ? await db.accountInvite.findUnique({ where: { tokenHash: hashSecret(secret.trim()) }, include: { account: { select: { name: true } } } }) : null;
  if (!invite || invite.expiresAt <= now) throw new NotFoundError('invitation', 'link');
  return invite;
}

/** What the invitation page shows before the person chooses a password. */
export async function describeInvite(db: Tx, secret: string, now = new Date()) {
  const invite = await liveInvite(db, secret, now);
  return { email: invite.email, accountName: invite.account.name, expiresAt: invite.expiresAt };
}

/** Sets the person's password from the link; refused when they set one since (they sign in instead). */
export async function acceptAccountInvite(db: Tx, secret: string, password: string, now = new Date()) {
  const invite = await liveInvite(db, secret, now);
  const person = await db.person.findUnique({ where: { email: invite.email }, select: { passwordHash: true } });
  if (person?.passwordHash) throw new ConflictError('this person already has a password: sign in with it');
  await setPersonPassword(db, invite.email, password);
  await db.user.updateMany({ where: { id: invite.userId, status: 'invited' }, data: { status: 'active' } });
  await db.accountInvite.deleteMany({ where: { email: invite.email } });
  return { email: invite.email };
}
