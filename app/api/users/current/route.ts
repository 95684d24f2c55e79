import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser } from '@/lib/dialects/netbird/users';
import { currentUser } from '@/lib/domain/users/users';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ db, actor }) => toNetbirdUser(await currentUser(db, actor), actor));
