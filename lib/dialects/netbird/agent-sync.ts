// GET /api/agent/sync (docs/agent-protocol.md, "Network map", "Push" and "Deltas"). Without `base`
// the protocol of old: the full map, or 304 while the account's serial is the one the agent names.
// With `base` (the version token of the map the agent holds, from the last answer's
// `X-Meshdeck-Map`) the agent gets only what changed for it: nothing while its own map is the
// same, whatever else changed in the account; else a delta against its map, or the full map when
// no delta can be made.
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { markSeen } from '../../domain/agent/protocol';
import { awaitMapChange, awaitPeerChange, parseSyncWait } from '../../domain/agent/push';
import { ForbiddenError } from '../../domain/errors';
import { loginExpired } from '../../domain/peers/peers';
import { fullMapChunks, mapParts } from './agent-map';
import { deltaChunks, mapVersion, parseMapToken } from './agent-delta';

export interface SyncAnswer {
  /** The body (a map or a delta), or null for 304 Not Modified. */
  chunks: Buffer[] | null;
  headers: Record<string, string>;
}

/** The version token of the map the agent holds after the answer, and the serial it is current for. */
const versionHeaders = (token: string, serial: number) => ({ 'X-Meshdeck-Map': token, 'X-Meshdeck-Serial': String(serial) });

export async function agentSync(db: Tx, caller: Peer, params: URLSearchParams, connectionIp: string | undefined, signal?: AbortSignal): Promise<SyncAnswer> {
  const account = await db.account.findUniqueOrThrow({ where: { id: caller.accountId } });
  if (loginExpired(caller, account)) throw new ForbiddenError('peer login expired: log in again');
  // The check-in comes first: an agent is seen while it waits.
  await markSeen(db, caller, connectionIp);
  const base = params.get('base');
  if (base === null) {
    // With `?serial=N&wait=S` a long-poll: 304 when the map's serial is still N after S seconds.
    const peer = await awaitMapChange(db, caller, params, signal);
    if (!peer) return { chunks: null, headers: {} };
    return { chunks: fullMapChunks(await mapParts(db, peer, peer === caller ? account : undefined)), headers: {} };
  }
  const { serial, waitMs } = parseSyncWait(params);
  // The version the agent holds, once its own map is found unchanged under a newer serial.
  let held = base;
  const answer = async (peer: Peer) => {
    const parts = await mapParts(db, peer, peer === caller ? account : undefined);
    const now = mapVersion(peer.accountId, parts);
    const delta = deltaChunks(peer.accountId, held, now, parts);
    if (delta === 'same') {
      held = now.token;
      return { serial: parts.serial, result: null };
    }
    return { serial: parts.serial, result: { chunks: delta ?? fullMapChunks(parts), headers: versionHeaders(now.token, parts.serial) } };
  };
  // An agent that holds no map, or one this server cannot read, gets the full map at once.
  if (serial === null || !parseMapToken(base)) {
    held = '';
    return (await answer(caller)).result!;
  }
  const out = await awaitPeerChange(db, caller, serial, waitMs, signal, answer);
  return 'result' in out ? out.result : { chunks: null, headers: versionHeaders(held, out.serial) };
}
