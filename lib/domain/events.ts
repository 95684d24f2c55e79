// Reading the audit trail (written by lib/domain/audit.ts in the same transaction as each change).
import type { Tx } from '../db/client';
import type { Actor } from './actor';

/** NetBird's own server answers at most this many events, newest first; so does meshdeck. */
export const AUDIT_LIST_LIMIT = 10_000;

/**
 * The account's audit events, newest first. `codes` narrows to the activity codes a dialect can
 * express (an event recorded with another code is left out of that dialect's view).
 */
export async function listAuditEvents(db: Tx, actor: Actor, opts: { codes?: readonly string[]; limit?: number; skip?: number } = {}) {
  return db.auditEvent.findMany({
    where: { accountId: actor.accountId, ...(opts.codes ? { activityCode: { in: [...opts.codes] } } : {}) },
    orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
    take: Math.min(opts.limit ?? AUDIT_LIST_LIMIT, AUDIT_LIST_LIMIT),
    skip: opts.skip ?? 0,
  });
}
