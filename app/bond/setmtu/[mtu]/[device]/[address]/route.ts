import { zerotier } from '@/lib/http/dialects/zerotier';
import { deviceName, ipAddress, mtu } from '@/lib/dialects/zerotier/params';
import { setBondMtu } from '@/lib/domain/zerotier/bonds';
import { route } from '@/lib/http/route';

// Set the MTU of the bonded links on a device towards an IP: no such link exists (see bonds.ts).
export const POST = route({ dialect: zerotier, permission: 'admin', readOnly: true }, async ({ params }) =>
  setBondMtu(mtu(params.mtu), deviceName(params.device), ipAddress(params.address)),
);
export const PUT = POST;
