import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdNameserverGroup, nameserverGroupRequest, toNetbirdNameserverGroup } from '@/lib/dialects/netbird/dns';
import { deleteNameserverGroup, getNameserverGroup, updateNameserverGroup } from '@/lib/domain/dns/nameservers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdNameserverGroup(await getNameserverGroup(db, actor, params.nsgroupId)),
);

export const PUT = route({ dialect: netbird, body: nameserverGroupRequest }, async ({ db, actor, params, body }) =>
  toNetbirdNameserverGroup(await updateNameserverGroup(db, actor, params.nsgroupId, fromNetbirdNameserverGroup(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteNameserverGroup(db, actor, params.nsgroupId);
  return {};
});
