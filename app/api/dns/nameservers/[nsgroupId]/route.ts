import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdNameserverGroup, nameserverGroupRequest, toNetbirdNameserverGroup } from '@/lib/dialects/netbird/dns';
import { deleteNameserverGroup, getNameserverGroup, updateNameserverGroup } from '@/lib/domain/dns/nameservers';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdNameserverGroup(await getNameserverGroup(db, actor, params.nsgroupId)),
);

export const PUT = route({ dialect: netbird, body: nameserverGroupRequest }, async ({ db, actor, params, body, audit }) => {
  const g = await updateNameserverGroup(db, actor, params.nsgroupId, fromNetbirdNameserverGroup(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'nameserver.group.update', activity: 'Nameserver group updated', targetId: g.id, meta: { name: g.name } });
  return toNetbirdNameserverGroup(g);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const g = await deleteNameserverGroup(db, actor, params.nsgroupId);
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'nameserver.group.delete', activity: 'Nameserver group deleted', targetId: g.id, meta: { name: g.name } });
  return {};
});
