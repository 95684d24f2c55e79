import { netbird } from '@/lib/http/dialects/netbird';
import { inviteAccept, inviteSecret } from '@/lib/dialects/meshdeck/tenants';
import { acceptAccountInvite, describeInvite } from '@/lib/domain/users/account-invites';
import { checkPassword } from '@/lib/domain/users/people';
import { route } from '@/lib/http/route';

// Invitation links (/app/invite#<secret>) are used without a session. The secret travels in the
// body, never in a URL that logs keep. PUT describes the invitation; POST sets the password. The
// password is hashed outside a transaction (bcrypt runs on the thread pool, not in a write lock).
export const PUT = route({ dialect: netbird, permission: 'public', body: inviteSecret, readOnly: true }, async ({ db, body }) => {
  const i = await describeInvite(db, body.secret);
  return { email: i.email, account_name: i.accountName, expires_at: i.expiresAt.toISOString() };
});

export const POST = route({ dialect: netbird, permission: 'public', body: inviteAccept, transaction: false }, async ({ db, body }) => {
  checkPassword(body.password);
  return acceptAccountInvite(db, body.secret, body.password);
});
