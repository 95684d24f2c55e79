import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { peerStats } from '@/lib/domain/zerotier/stats';
import { route } from '@/lib/http/route';

// Two-tier peer statistics from the recorded traffic (see lib/domain/zerotier/stats.ts), keyed
// "<node address>@<ip>" and ordered by the highest total first.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => {
  const { entries } = await peerStats(db, actor);
  return jsonpOr(url, { peersByZtAddressAndIP: Object.fromEntries(entries.map((e) => [`${e.ztAddress}@${e.ipAddress}`, e])) });
});
