import { zerotier } from '@/lib/http/dialects/zerotier';
import { iptablesBody } from '@/lib/dialects/zerotier/service';
import { updateSettings } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// The iptables integration settings (`zerotier-cli set-iptables-enabled`): stored and reported in
// the node's config; meshdeck itself manages no host firewall.
export const POST = route({ dialect: zerotier, body: iptablesBody }, async ({ db, actor, body, audit }) => {
  const { settings, changed } = await updateSettings(db, actor, {
    iptablesEnabled: body.enabled,
    ...(body.wanInterface !== undefined ? { iptablesWanInterface: body.wanInterface } : {}),
    ...(body.udpPort !== undefined ? { iptablesUdpPort: body.udpPort } : {}),
  });
  if (changed.length) audit({ code: 'zerotier.iptables.update', activity: 'ZeroTier iptables integration changed', targetId: actor.accountId, meta: { fields: changed, enabled: body.enabled } });
  return { iptablesEnabled: settings.iptablesEnabled ?? false, iptablesWanInterface: settings.iptablesWanInterface ?? '', iptablesUdpPort: settings.iptablesUdpPort ?? 9993 };
});
