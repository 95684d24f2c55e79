import { zerotier } from '@/lib/http/dialects/zerotier';
import { iptablesBody } from '@/lib/dialects/zerotier/service';
import { updateIptables } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// The iptables integration settings (`zerotier-cli set-iptables-enabled`): stored and reported in
// the node's config; meshdeck itself manages no host firewall.
export const POST = route({ dialect: zerotier, body: iptablesBody }, async ({ db, actor, body }) => {
  const { settings } = await updateIptables(db, actor, body);
  return { iptablesEnabled: settings.iptablesEnabled ?? false, iptablesWanInterface: settings.iptablesWanInterface ?? '', iptablesUdpPort: settings.iptablesUdpPort ?? 9993 };
});
