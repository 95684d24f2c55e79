// The server's periodic traffic retention (lib/domain/traffic/retention.ts): on PostgreSQL it also
// keeps the day partitions of "TrafficEvent" created ahead and drops the expired ones. Started once
// per server process from startup.ts; only the process leading the periodic work (lib/db/leader.ts,
// shared through ./leadership.ts) runs it, so two processes never create or drop a partition at once.
// A pass runs soon after this process starts leading, then every MESHDECK_TRAFFIC_RETENTION_INTERVAL.
import { getDb } from '../db/client';
import { dbConfig } from '../db/config';
import { retentionDays, runTrafficRetention, type RetentionPass } from '../domain/traffic/retention';
import { processLeadership } from './leadership';

const g = globalThis as unknown as { __meshdeckTrafficRetention?: NodeJS.Timeout };

function describe(p: RetentionPass): string | null {
  const parts: string[] = [];
  const t = p.partitions;
  if (t?.created.length) parts.push(`created partition(s) ${t.created.join(', ')}`);
  if (t?.dropped.length) parts.push(`dropped partition(s) ${t.dropped.join(', ')}`);
  if (t?.moved) parts.push(`moved ${t.moved} event(s) out of the default partition`);
  if (t?.expiredStrays) parts.push(`deleted ${t.expiredStrays} expired event(s) from the default partition`);
  if (t?.waiting) parts.push(`${t.waiting} event(s) dated more than a week ahead wait in the default partition`);
  if (p.deletedEvents) parts.push(`deleted ${p.deletedEvents} event(s)`);
  if (p.deletedRollups) parts.push(`deleted ${p.deletedRollups} rollup row(s)`);
  return parts.length ? `meshdeck: traffic retention${p.cutoff ? ` (kept from ${p.cutoff.toISOString()})` : ''}: ${parts.join('; ')}` : null;
}

/** Starts the job (once per process); a failing pass is logged and retried at the next check. */
export function startTrafficRetention(log: (line: string) => void = (l) => console.log(l)): void {
  if (g.__meshdeckTrafficRetention) return;
  const n = Number(process.env.MESHDECK_TRAFFIC_RETENTION_INTERVAL);
  const every = Number.isFinite(n) && n > 0 ? n * 1000 : 3_600_000;
  const days = retentionDays();
  const leadership = processLeadership(log);
  let running = false;
  let last = 0;
  let led = false;
  const check = () => {
    // A process that has just become the leader runs a pass at once: the previous leader's last
    // pass may be long ago.
    if (!leadership.leading) led = false;
    if (running || !leadership.leading || (led && Date.now() - last < every)) return;
    running = true;
    led = true;
    getDb()
      .then((db) => runTrafficRetention(db, { provider: dbConfig().provider, days }))
      .then((pass) => {
        last = Date.now();
        const line = describe(pass);
        if (line) log(line);
      })
      .catch((e) => {
        last = Date.now() - every + 60_000;
        console.error('meshdeck: traffic retention failed:', e);
      })
      .finally(() => (running = false));
  };
  g.__meshdeckTrafficRetention = setInterval(check, Math.min(every, 5000));
  // The timer alone must not keep a process (tests, scripts) alive.
  g.__meshdeckTrafficRetention.unref();
}
