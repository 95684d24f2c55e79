import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdNameserverGroup, nameserverGroupRequest, toNetbirdNameserverGroup } from '@/lib/dialects/netbird/dns';
import { createNameserverGroup, listNameserverGroups } from '@/lib/domain/dns/nameservers';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listNameserverGroups(db, actor)).map(toNetbirdNameserverGroup),
);

export const POST = route({ dialect: netbird, body: nameserverGroupRequest }, async ({ db, actor, body, audit }) => {
  const g = await createNameserverGroup(db, actor, fromNetbirdNameserverGroup(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'nameserver.group.add', activity: 'Nameserver group created', targetId: g.id, meta: { name: g.name } });
  return toNetbirdNameserverGroup(g);
});
