import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser } from '@/lib/dialects/netbird/users';
import { approveUser } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: netbird }, async ({ db, actor, params }) => toNetbirdUser(await approveUser(db, actor, params.userId), actor));
