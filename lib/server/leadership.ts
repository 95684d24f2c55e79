// The process's one place in the competition for the periodic work (lib/db/leader.ts), shared by
// every periodic job (ephemeral-cleanup.ts, traffic-retention.ts): one lock connection per process,
// and all jobs of a database run in the same process.
import { competeForLeadership, type Leadership } from '../db/leader';

const g = globalThis as unknown as { __meshdeckLeadership?: Leadership };

export function processLeadership(log: (line: string) => void = (l) => console.log(l)): Leadership {
  g.__meshdeckLeadership ??= competeForLeadership((leading) =>
    log(leading ? `meshdeck: this process runs the periodic work (process ${process.pid})` : `meshdeck: another process runs the periodic work now (process ${process.pid} stepped down)`),
  );
  return g.__meshdeckLeadership;
}
