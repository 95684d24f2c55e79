import { netbird } from '@/lib/http/dialects/netbird';
import { registerRequest, toPeerMeta } from '@/lib/dialects/netbird/agent';
import { toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import { registerPeer } from '@/lib/domain/agent/protocol';
import { loadGroupIndex } from '@/lib/domain/groups/membership-index';
import { clientAddress } from '@/lib/server/client-address';
import { accountById } from '@/lib/domain/accounts/accounts';
import { reply, route } from '@/lib/http/route';

// A peer joins with a setup key. The answer holds the peer token, shown this once.
export const POST = route({ dialect: netbird, permission: 'public', body: registerRequest }, async ({ db, body, req }) => {
  const { peer, token } = await registerPeer(db, {
    setupKey: body.setup_key,
    publicKey: body.public_key,
    hostname: body.hostname,
    meta: toPeerMeta(body.meta),
    connectionIp: clientAddress(req.headers) || undefined,
    listenPort: body.listen_port,
  });
  const [index, account] = await Promise.all([loadGroupIndex(db, peer.accountId, [peer.id]), accountById(db, peer.accountId)]);
  return reply({ peer: toNetbirdPeer(peer, account, index.groupsOf(peer.id)), peer_token: token }, 201);
});
