import { memberBody, toZtMember } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { networkId, nodeAddress } from '@/lib/dialects/zerotier/params';
import { deleteMember, getMember, saveMember } from '@/lib/domain/zerotier/members';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const nwid = networkId(params.nwid);
  return jsonpOr(url, toZtMember(await getMember(db, actor, nwid, nodeAddress(params.nodeId)), nwid));
});

// Create or update a member: authorize/deauthorize, name, bridge, addresses, tags, capabilities.
export const POST = route({ dialect: zerotier, body: memberBody }, async ({ db, actor, params, body }) => {
  const nwid = networkId(params.nwid);
  const { member } = await saveMember(db, actor, nwid, nodeAddress(params.nodeId), body);
  return toZtMember(member, nwid);
});

export const PUT = POST;

export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params }) => {
  const nwid = networkId(params.nwid);
  const { member } = await deleteMember(db, actor, nwid, nodeAddress(params.nodeId));
  return toZtMember(member, nwid);
});
