import { netbird } from '@/lib/http/dialects/netbird';
import { resendInvite } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

// meshdeck sends no email; the invitation stays valid until the user signs in with that address.
export const POST = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await resendInvite(db, actor, params.userId);
  return {};
});
