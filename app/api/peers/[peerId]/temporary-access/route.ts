import { z } from 'zod';
import { netbird } from '@/lib/http/dialects/netbird';
import { createTemporaryAccess, sweepTemporaryPeers } from '@/lib/domain/peers/temporary-access';
import { route } from '@/lib/http/route';

const body = z.object({ name: z.string(), wg_pub_key: z.string(), rules: z.array(z.string()) });

export const POST = route({ dialect: netbird, body }, async ({ db, actor, params, body }) => {
  await sweepTemporaryPeers(db, actor.accountId);
  const { peer, rules } = await createTemporaryAccess(db, actor, params.peerId, { name: body.name, wgPubKey: body.wg_pub_key, rules: body.rules });
  return { name: peer.name, id: peer.id, rules };
});
