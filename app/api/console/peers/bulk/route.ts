import { bulkPeersRequest } from '@/lib/dialects/console/peers';
import { netbird } from '@/lib/http/dialects/netbird';
import { bulkPeers } from '@/lib/domain/peers/bulk';
import { route } from '@/lib/http/route';

// Bulk actions on selected peers, all in the route's one transaction; the domain audits each changed peer.
export const POST = route({ dialect: netbird, body: bulkPeersRequest }, async ({ db, actor, body }) => {
  const outcomes = await bulkPeers(db, actor, body);
  return { action: body.action, selected: outcomes.length, changed: outcomes.filter((o) => o.changed).length };
});
