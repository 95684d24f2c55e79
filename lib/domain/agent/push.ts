// Push for agents: GET /api/agent/sync?serial=N&wait=S (docs/agent-protocol.md, "Push"). An agent
// names the serial of the map it has applied; when the account's serial is still N the server
// holds the request up to S seconds (at most 30) until the serial moves, and answers 304 Not
// Modified when it did not — a map that did not change is not sent again. A change made anywhere
// (this process or another server on the same database) reaches a waiting agent within about
// 0.5 s (serial-watch.ts).
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { UnauthorizedError, ValidationError } from '../errors';
import { networkSerial } from '../serial';
import { serialWatch } from '../serial-watch';

export const MAX_WAIT_SECONDS = 30;

export interface SyncWait {
  /** The serial of the map the agent has; null: it has none (always answered with the map). */
  serial: number | null;
  waitMs: number;
}

/** `serial`: a non-negative integer; `wait`: seconds, 0 to 30 (more is taken as 30). */
export function parseSyncWait(params: URLSearchParams): SyncWait {
  const serialText = params.get('serial');
  const waitText = params.get('wait');
  if (serialText !== null && !/^\d{1,15}$/.test(serialText)) throw new ValidationError('serial must be a non-negative integer', 'value', 'serial');
  if (waitText !== null && !/^\d{1,6}(\.\d{1,3})?$/.test(waitText)) throw new ValidationError('wait must be a number of seconds (0 to 30)', 'value', 'wait');
  return {
    serial: serialText === null ? null : Number(serialText),
    waitMs: waitText === null ? 0 : Math.min(Number(waitText), MAX_WAIT_SECONDS) * 1000,
  };
}

/**
 * Null when the map's serial is still the one the agent names once the wait is over (answer 304);
 * otherwise the peer to make the map for — read again after a wait, since it may have changed or
 * been deleted meanwhile (then 401, as for any unknown token).
 */
export async function awaitMapChange(db: Tx, peer: Peer, params: URLSearchParams, signal?: AbortSignal): Promise<Peer | null> {
  const { serial, waitMs } = parseSyncWait(params);
  if (serial === null || (await networkSerial(db, peer.accountId)) !== serial) return peer;
  if (!waitMs) return null;
  if ((await serialWatch().wait(peer.accountId, serial, waitMs, signal)) === null) return null;
  const fresh = await db.peer.findUnique({ where: { id: peer.id } });
  if (!fresh) throw new UnauthorizedError('peer token invalid');
  return fresh;
}

/** What a peer gets once the serial moved: `result`, or null when its own map did not change. */
export interface PeerAnswer<T> {
  serial: number;
  result: T | null;
}

/**
 * The long-poll of an agent that names the map it holds (docs/agent-protocol.md, "Deltas"): waits
 * while the account's serial is `serial`; each time it moves, `answer` says what the peer gets. When
 * the peer's own map did not change the wait goes on under the new serial, so an agent whose map a
 * change does not touch gets nothing. At the end of the wait: the serial its map is current for.
 */
export async function awaitPeerChange<T>(db: Tx, peer: Peer, serial: number, waitMs: number, signal: AbortSignal | undefined, answer: (peer: Peer) => Promise<PeerAnswer<T>>): Promise<{ result: T } | { serial: number }> {
  const deadline = Date.now() + waitMs;
  let current: Peer | null = peer;
  for (;;) {
    if ((await networkSerial(db, peer.accountId)) === serial) {
      const left = deadline - Date.now();
      if (left <= 0 || (await serialWatch().wait(peer.accountId, serial, left, signal)) === null) return { serial };
      current = null;
    }
    // Read again after a wait and for every answer but the first: the peer may have changed, or been deleted (then
    // 401, as for any unknown token).
    current ??= await db.peer.findUnique({ where: { id: peer.id } });
    if (!current) throw new UnauthorizedError('peer token invalid');
    const got = await answer(current);
    if (got.result !== null) return { result: got.result };
    serial = got.serial;
    current = null;
  }
}
