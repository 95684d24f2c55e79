// The server's periodic job that removes ephemeral peers offline for too long
// (lib/domain/peers/ephemeral.ts), prunes the peer change journal (lib/domain/access/peer-journal.ts)
// and removes expired rows (lib/domain/housekeeping.ts: Ziti sessions, invitations, limit windows).
// Started once per server process from startup.ts; of several processes on one database only the
// leader runs it (lib/db/leader.ts), and another takes over within seconds when the leader dies.
// Each removal still re-checks the peer in its own transaction, so even two leaders for a moment
// would remove (and audit) a peer once.
import { getDb } from '../db/client';
import { EPHEMERAL_OFFLINE_MS, removeEphemeralPeer, staleEphemeralPeers } from '../domain/peers/ephemeral';
import { pruneJournal } from '../domain/access/peer-journal';
import { sweepExpired } from '../domain/housekeeping';
import { processLeadership } from './leadership';

const g = globalThis as unknown as { __meshdeckEphemeralCleanup?: NodeJS.Timeout };

/** Seconds from the environment, or the default when unset or not a positive number. */
function seconds(name: string, fallbackMs: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n * 1000 : fallbackMs;
}

/** One pass: removes every ephemeral peer offline longer than the configured age. Returns how many. */
export async function cleanupEphemeralPeers(maxOfflineMs = seconds('MESHDECK_EPHEMERAL_PEER_TTL', EPHEMERAL_OFFLINE_MS)): Promise<number> {
  const db = await getDb();
  let removed = 0;
  for (const p of await staleEphemeralPeers(db, maxOfflineMs)) {
    if (await db.$transaction((tx) => removeEphemeralPeer(tx, p.accountId, p.id, maxOfflineMs))) removed++;
  }
  return removed;
}

/** Starts the job (once per process); a failing pass is logged and the next one runs as usual. */
export function startEphemeralCleanup(log: (line: string) => void = (l) => console.log(l)): void {
  if (g.__meshdeckEphemeralCleanup) return;
  const every = seconds('MESHDECK_EPHEMERAL_CLEANUP_INTERVAL', 60_000);
  const leadership = processLeadership(log);
  let running = false;
  g.__meshdeckEphemeralCleanup = setInterval(() => {
    if (running || !leadership.leading) return;
    running = true;
    getDb()
      .then(async (db) => {
        await pruneJournal(db);
        await sweepExpired(db);
      })
      .then(() => cleanupEphemeralPeers())
      .then((n) => n && log(`meshdeck: removed ${n} ephemeral peer(s) offline too long`))
      .catch((e) => console.error('meshdeck: ephemeral peer clean-up failed:', e))
      .finally(() => (running = false));
  }, every);
  // The timer alone must not keep a process (tests, scripts) alive.
  g.__meshdeckEphemeralCleanup.unref();
}
