// Wire shapes of the console's dashboard (meshdeck's own, under /api/console/dashboard): the answer
// is the domain's Dashboard as it is (lib/domain/dashboard/summary.ts); the live wait takes the
// mark an answer gave and how long it may wait.
import { z } from 'zod';
import type { Dashboard } from '../../domain/dashboard/summary';
import { MAX_WAIT_MS, type LiveAnswer } from '../../domain/dashboard/live';

export const dashboardLiveQuery = z.object({
  mark: z.string().max(20),
  /** Seconds (decimals allowed); more than 25 counts as 25. */
  wait: z.coerce.number().min(0).optional(),
});

export const waitMs = (seconds: number | undefined) => Math.min(MAX_WAIT_MS, Math.round((seconds ?? 25) * 1000));

/** GET /api/console/dashboard. */
export type ConsoleDashboard = Dashboard;
/** GET /api/console/dashboard/live. */
export type ConsoleDashboardLive = LiveAnswer;
