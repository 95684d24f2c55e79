import { zerotier } from '@/lib/http/dialects/zerotier';
import { nodeAddress } from '@/lib/dialects/zerotier/params';
import { rotateBond } from '@/lib/domain/zerotier/bonds';
import { route } from '@/lib/http/route';

// Force the active-backup bond to another link: there is none to rotate (see bonds.ts).
export const POST = route({ dialect: zerotier, permission: 'admin', readOnly: true }, async ({ db, actor, params }) => rotateBond(db, actor, nodeAddress(params.address)));
export const PUT = POST;
