import { netbird } from '@/lib/http/dialects/netbird';
import { resendInvite } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

// meshdeck sends no email; the invitation stays valid until the user signs in with that address.
export const POST = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const user = await resendInvite(db, actor, params.userId);
  audit({ code: 'user.invite', activity: 'User invitation resent', targetId: user.id, meta: { email: user.email, resend: true } });
  return {};
});
