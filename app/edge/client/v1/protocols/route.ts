import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { protocolsShape, publicBaseUrl } from '@/lib/dialects/ziti/info';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'public' }, async ({ url }) => envelope(protocolsShape(publicBaseUrl(url))));
