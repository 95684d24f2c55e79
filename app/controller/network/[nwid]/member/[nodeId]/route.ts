import { memberBody, toZtMember } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { networkId, nodeAddress } from '@/lib/dialects/zerotier/params';
import { approvalAuditEntries } from '@/lib/domain/zerotier/approval';
import { deleteMember, getMember, saveMember } from '@/lib/domain/zerotier/members';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const nwid = networkId(params.nwid);
  return jsonpOr(url, toZtMember(await getMember(db, actor, nwid, nodeAddress(params.nodeId)), nwid));
});

// Create or update a member: authorize/deauthorize, name, bridge, addresses, tags, capabilities.
export const POST = route({ dialect: zerotier, body: memberBody }, async ({ db, actor, params, body, audit }) => {
  const nwid = networkId(params.nwid);
  const address = nodeAddress(params.nodeId);
  const w = await saveMember(db, actor, nwid, address, body);
  const m = w.member;
  if (w.peerCreated) audit({ code: 'peer.user.add', activity: 'Peer added', targetId: m.peerId, meta: { name: m.name || address, zt_address: address, network_id: nwid } });
  if (w.created) audit({ code: 'zerotier.member.add', activity: 'ZeroTier member added', targetId: `${nwid}/${address}`, meta: { network_id: nwid, address, peer_id: m.peerId } });
  else if (w.changed.some((k) => k !== 'authorized' && !k.startsWith('last'))) {
    audit({ code: 'zerotier.member.update', activity: 'ZeroTier member updated', targetId: `${nwid}/${address}`, meta: { network_id: nwid, address, fields: w.changed } });
  }
  if (w.authorizedChange !== undefined) {
    audit({
      code: w.authorizedChange ? 'zerotier.member.authorize' : 'zerotier.member.deauthorize',
      activity: w.authorizedChange ? 'ZeroTier member authorized' : 'ZeroTier member deauthorized',
      targetId: `${nwid}/${address}`,
      meta: { network_id: nwid, address, peer_id: m.peerId },
    });
  }
  for (const e of approvalAuditEntries(w.approvals, nwid)) audit(e);
  return toZtMember(m, nwid);
});

export const PUT = POST;

export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params, audit }) => {
  const nwid = networkId(params.nwid);
  const { member, approvals } = await deleteMember(db, actor, nwid, nodeAddress(params.nodeId));
  audit({ code: 'zerotier.member.delete', activity: 'ZeroTier member deleted', targetId: `${nwid}/${member.address}`, meta: { network_id: nwid, address: member.address, peer_id: member.peerId } });
  for (const e of approvalAuditEntries(approvals, nwid)) audit(e);
  return toZtMember(member, nwid);
});
