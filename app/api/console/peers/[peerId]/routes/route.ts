import { toAgentRoute } from '@/lib/dialects/netbird/agent';
import { netbird } from '@/lib/http/dialects/netbird';
import { getPeer } from '@/lib/domain/peers/peers';
import { routesForPeer } from '@/lib/domain/networks/routes';
import { route } from '@/lib/http/route';

// The routes a peer receives in its network map (the peer detail page shows them).
export const GET = route({ dialect: netbird }, async ({ db, actor, params }) => {
  const peer = await getPeer(db, actor, params.peerId);
  return (await routesForPeer(db, actor.accountId, peer.id)).map((r) => ({ ...toAgentRoute(r), kind: r.kind }));
});
