import { CONTROLLER_API_VERSION } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { route } from '@/lib/http/route';

// Controller status: meshdeck's controller is always there once the database answers.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ url }) =>
  jsonpOr(url, { controller: true, apiVersion: CONTROLLER_API_VERSION, clock: Date.now(), databaseReady: true }),
);
