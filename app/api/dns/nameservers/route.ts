import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdNameserverGroup, nameserverGroupRequest, toNetbirdNameserverGroup } from '@/lib/dialects/netbird/dns';
import { createNameserverGroup, listNameserverGroups } from '@/lib/domain/dns/nameservers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listNameserverGroups(db, actor)).map(toNetbirdNameserverGroup),
);

export const POST = route({ dialect: netbird, body: nameserverGroupRequest }, async ({ db, actor, body }) =>
  toNetbirdNameserverGroup(await createNameserverGroup(db, actor, fromNetbirdNameserverGroup(body))),
);
