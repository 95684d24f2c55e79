import { dashboardLiveQuery, waitMs } from '@/lib/dialects/console/dashboard';
import { parseMark, waitForPeerChange } from '@/lib/domain/dashboard/live';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

// Long-poll: answers once a peer of the account changed after `mark` (then the console reads the
// dashboard again), or `{ changed: false }` when the wait ends.
export const GET = route({ dialect: netbird, query: dashboardLiveQuery }, async ({ db, actor, query, req }) =>
  waitForPeerChange(db, actor.accountId, parseMark(query.mark), waitMs(query.wait), req.signal),
);
