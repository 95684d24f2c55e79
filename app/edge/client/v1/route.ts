import { envelope } from '@/lib/dialects/ziti/envelope';
import { publicBaseUrl, versionShape } from '@/lib/dialects/ziti/info';
import { ziti } from '@/lib/http/dialects/ziti';
import { route } from '@/lib/http/route';
import pkg from '@/package.json';

export const GET = route({ dialect: ziti, permission: 'public' }, async ({ url }) => envelope(versionShape(publicBaseUrl(url), pkg.version)));
