import { netbird } from '@/lib/http/dialects/netbird';
import { dnsSettingsRequest, toNetbirdDnsSettings } from '@/lib/dialects/netbird/dns';
import { getDnsSettings, updateDnsSettings } from '@/lib/domain/dns/nameservers';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => toNetbirdDnsSettings(await getDnsSettings(db, actor)));

// One audit event per group that gained or lost DNS management, as NetBird records it.
export const PUT = route({ dialect: netbird, body: dnsSettingsRequest }, async ({ db, actor, body, audit }) => {
  const s = await updateDnsSettings(db, actor, { disabledManagementGroups: body.disabled_management_groups });
  if (s.added.length || s.removed.length) await bumpNetworkSerial(db, actor.accountId);
  const meta = (id: string) => ({ group: s.groupNames[id] ?? id, group_id: id });
  for (const id of s.added) {
    audit({ code: 'dns.setting.disabled.management.group.add', activity: 'Group added to disabled management DNS setting', targetId: id, meta: meta(id) });
  }
  for (const id of s.removed) {
    audit({ code: 'dns.setting.disabled.management.group.delete', activity: 'Group removed from disabled management DNS setting', targetId: id, meta: meta(id) });
  }
  return toNetbirdDnsSettings(s);
});
