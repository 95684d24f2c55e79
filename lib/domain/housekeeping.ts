// Rows that have outlived their use: expired Ziti API sessions (their sessions and certificates
// cascade), used-up invitation links, request counts of past minutes, sign-in limit windows long
// over. Nothing reads them as valid (every check compares with the clock), so removing them only
// keeps tables small. Run by the periodic work's leader (lib/server/ephemeral-cleanup.ts).
import type { Tx } from '../db/client';

const HOUR = 3600_000;

export async function sweepExpired(db: Tx, now = new Date()) {
  const [zitiSessions, invites, requestCounts, throttles] = await Promise.all([
    db.zitiApiSession.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - HOUR) } } }),
    db.accountInvite.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.apiRequestCount.deleteMany({ where: { minute: { lt: Math.floor(now.getTime() / 60_000) - 2 } } }),
    db.loginThrottle.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * HOUR) } } }),
  ]);
  return { zitiSessions: zitiSessions.count, invites: invites.count, requestCounts: requestCounts.count, throttles: throttles.count };
}
