import { netbird } from '@/lib/http/dialects/netbird';
import { toMembership } from '@/lib/dialects/meshdeck/tenants';
import { isOperator, membershipsOf, usableMembership } from '@/lib/domain/users/people';
import { route } from '@/lib/http/route';

// The signed-in person's accounts, for the console's account switcher (switching itself is
// next-auth's session update: POST /api/auth/session with {data: {accountId}}, see auth-options.ts).
export const GET = route({ dialect: netbird, permission: 'read' }, async ({ db, actor }) => ({
  operator: await isOperator(db, actor.email),
  accounts: (await membershipsOf(db, actor.email)).filter(usableMembership).map((m) => toMembership(m, actor.accountId)),
}));
