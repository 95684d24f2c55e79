import { netbird } from '@/lib/http/dialects/netbird';
import { agentSync } from '@/lib/dialects/netbird/agent-sync';
import { clientAddress } from '@/lib/server/client-address';
import { reply, route } from '@/lib/http/route';

// The peer's network map, computed by the policy engine: whole, or as a delta against the map the
// agent names, or 304 when it did not change (docs/agent-protocol.md; lib/dialects/netbird/agent-sync.ts).
export const GET = route({ dialect: netbird, permission: 'agent' }, async ({ db, peer, req, url }) => {
  const answer = await agentSync(db, peer, url.searchParams, clientAddress(req.headers) || undefined, req.signal);
  if (!answer.chunks) return new Response(null, { status: 304, headers: answer.headers });
  return reply(answer.chunks, 200, { 'Content-Type': 'application/json', ...answer.headers });
});
