// The dashboard's live update: the console waits (a long-poll) until a peer of the account changes
// — an agent connects and is marked online, a peer is added, approved or removed — then reads the
// dashboard again. The wait reads the peer change journal the database's triggers keep
// (lib/domain/access/peer-journal.ts, what the in-memory peer store refreshes from), a cheap indexed
// read, every POLL_MS while a console waits; nothing runs while none does.
import type { Tx } from '../../db/client';
import { changesSince } from '../access/peer-journal';
import { ValidationError } from '../errors';

export const POLL_MS = 1000;
export const MAX_WAIT_MS = 25_000;

export interface LiveAnswer {
  /** Whether any of the account's peers changed after `mark`. */
  changed: boolean;
  /** Where the next wait starts. */
  mark: string;
}

export function parseMark(text: string): bigint {
  if (!/^\d{1,19}$/.test(text)) throw new ValidationError('mark must be the number a dashboard answer gave');
  return BigInt(text);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Resolves once a peer of the account changed after `mark`, or when `waitMs` passed (changed: false) or `signal` aborted. */
export async function waitForPeerChange(db: Tx, accountId: string, mark: bigint, waitMs: number, signal?: AbortSignal): Promise<LiveAnswer> {
  const until = Date.now() + Math.min(Math.max(0, waitMs), MAX_WAIT_MS);
  let at = mark;
  for (;;) {
    const c = await changesSince(db, accountId, at);
    if (c.peerIds.size) return { changed: true, mark: c.mark.toString() };
    // On SQLite the next mark skips other accounts' rows; on PostgreSQL it is the snapshot's xmin.
    at = c.mark;
    if (signal?.aborted || Date.now() + POLL_MS > until) return { changed: false, mark: at.toString() };
    await sleep(POLL_MS, signal);
  }
}
