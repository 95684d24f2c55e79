import { toZtMember } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { networkId } from '@/lib/dialects/zerotier/params';
import { listMembers } from '@/lib/domain/zerotier/members';
import { route } from '@/lib/http/route';

// Every member object of a network, in ZeroTier's {data, meta} envelope.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const nwid = networkId(params.nwid);
  const { members } = await listMembers(db, actor, nwid);
  const now = Date.now();
  return jsonpOr(url, { data: members.map((m) => toZtMember(m, nwid, now)), meta: { totalCount: members.length, authorizedCount: members.filter((m) => m.authorized).length } });
});
