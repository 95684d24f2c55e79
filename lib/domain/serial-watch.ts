// Waiting for an account's network serial to move: the long-poll of GET /api/agent/sync
// (`?serial=N&wait=S`, docs/agent-protocol.md "Push"). Two things wake a waiter:
// - bumpNetworkSerial in this process says so at once. It runs inside the writer's transaction,
//   before the commit, so the waiters' account is read again now and a few times shortly after
//   (the read sees the new serial once the transaction has committed).
// - A change made by another server process on the same PostgreSQL database arrives as a
//   notification (bumpNetworkSerial NOTIFYs when its transaction commits; lib/db/notify.ts), and the
//   waiters of that account are read again at once.
// - Besides, one read of the serials of every account that has waiters runs every 500 ms: it sees
//   serials written without a notification (SQLite, whose processes cannot notify each other; a
//   write by hand) and covers one lost with a dropped connection. With no waiters there is no timer
//   and no query, so idle agents cost nothing but an open request.
import { getDb } from '../db/client';
import { inChunks } from '../db/chunks';
import { listen, SERIAL_CHANNEL, type Listening } from '../db/notify';

/** The current serials of the given accounts (a deleted account is absent). */
export type ReadSerials = (accountIds: string[]) => Promise<Map<string, number>>;

const readFromDb: ReadSerials = async (ids) => {
  const db = await getDb();
  const rows = await inChunks(ids, (chunk) => db.account.findMany({ where: { id: { in: chunk } }, select: { id: true, networkSerial: true } }));
  return new Map(rows.map((r) => [r.id, r.networkSerial]));
};

/** Subscribes to other processes' bumps: `changed(accountId)`, and `reconnected()` after a gap. Null: no such signal (SQLite). */
export type SubscribeSerials = (changed: (accountId: string) => void, reconnected: () => void) => Listening | null;

const listenForBumps: SubscribeSerials = (changed, reconnected) => listen(SERIAL_CHANNEL, changed, reconnected);

const POLL_MS = 500;
/** After a local bump: read again after these delays, in case the writer had not committed yet. */
const RECHECK_MS = [0, 25, 100, 250];

interface Waiter {
  serial: number;
  done(current: number | null): void;
}

export class SerialWatch {
  constructor(
    private readonly readSerials: ReadSerials = readFromDb,
    private readonly subscribe: SubscribeSerials = listenForBumps,
  ) {}

  private listening: Listening | null | undefined;

  private readonly waiters = new Map<string, Set<Waiter>>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;
  private pending = new Set<string>();

  /** Resolves with the account's serial once it differs from `serial`, or null when `ms` passed or `signal` aborted. */
  wait(accountId: string, serial: number, ms: number, signal?: AbortSignal): Promise<number | null> {
    return new Promise((resolve) => {
      let timeout: NodeJS.Timeout | undefined;
      const onAbort = () => waiter.done(null);
      const waiter: Waiter = {
        serial,
        done: (current) => {
          clearTimeout(timeout);
          signal?.removeEventListener('abort', onAbort);
          const set = this.waiters.get(accountId);
          set?.delete(waiter);
          if (set && !set.size) this.waiters.delete(accountId);
          if (!this.waiters.size) this.stopPolling();
          resolve(current);
        },
      };
      if (signal?.aborted) return resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      timeout = setTimeout(() => waiter.done(null), ms);
      let set = this.waiters.get(accountId);
      if (!set) this.waiters.set(accountId, (set = new Set()));
      set.add(waiter);
      // Listening starts with the first waiter and stays (one connection per process).
      if (this.listening === undefined) {
        this.listening = this.subscribe(
          (id) => void this.check([id]),
          () => void this.check([...this.waiters.keys()]),
        );
      }
      if (!this.timer) this.schedulePoll();
      // The serial may have moved between the caller's read and now.
      void this.check([accountId]);
    });
  }

  /** Called by bumpNetworkSerial. */
  bumped(accountId: string): void {
    if (!this.waiters.has(accountId)) return;
    for (const ms of RECHECK_MS) setTimeout(() => void this.check([accountId]), ms).unref();
  }

  /** How many requests wait now (tests, metrics). */
  waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  private schedulePoll() {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.waiters.size) return;
      void this.check([...this.waiters.keys()]);
      this.schedulePoll();
    }, POLL_MS);
    this.timer.unref();
  }

  private stopPolling() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops listening (tests). */
  async close(): Promise<void> {
    this.stopPolling();
    await this.listening?.close();
    this.listening = undefined;
  }

  /** One read for all given accounts; checks asked for while one runs are merged into the next. */
  private async check(accountIds: string[]): Promise<void> {
    for (const id of accountIds) if (this.waiters.has(id)) this.pending.add(id);
    if (this.checking || !this.pending.size) return;
    const ids = [...this.pending];
    this.pending.clear();
    this.checking = this.read(ids);
    try {
      await this.checking;
    } finally {
      this.checking = null;
    }
    if (this.pending.size) await this.check([]);
  }

  private async read(ids: string[]): Promise<void> {
    try {
      const serials = await this.readSerials(ids);
      for (const id of ids) {
        // A deleted account ends its waits: the agents' next requests get their answer (401).
        const current = serials.get(id) ?? -1;
        for (const w of [...(this.waiters.get(id) ?? [])]) if (w.serial !== current) w.done(current);
      }
    } catch (e) {
      // The database is briefly unavailable: the next poll tries again; waits end by their timeout.
      console.error('serial watch: reading serials failed:', e instanceof Error ? e.message : e);
    }
  }
}

// Next.js bundles each route separately; a global keeps one watch per process, shared by the
// routes that bump serials and the sync route that waits.
const holder = globalThis as unknown as { __meshdeckSerialWatch?: SerialWatch };

export function serialWatch(): SerialWatch {
  holder.__meshdeckSerialWatch ??= new SerialWatch();
  return holder.__meshdeckSerialWatch;
}
