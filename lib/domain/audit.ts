// The audit trail: one row per mutation, written in the same transaction as the change itself.
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { newId } from './ids';

export type AuditSource = 'netbird' | 'tailscale' | 'zerotier' | 'ziti' | 'console' | 'system';

export interface AuditEntry {
  /** Stable machine code, NetBird style, e.g. "personal.access.token.create". */
  code: string;
  /** Human sentence, e.g. "Personal access token created". */
  activity: string;
  targetId?: string;
  meta?: Record<string, unknown>;
  /** Who did it, when not a signed-in user (e.g. a peer registering with a setup key). */
  initiator?: { id: string; name: string; email?: string };
}

export async function recordAudit(db: Tx, actor: Actor | null, source: AuditSource, e: AuditEntry & { accountId?: string }) {
  const accountId = e.accountId ?? actor?.accountId;
  if (!accountId) throw new Error('audit event without account');
  await db.auditEvent.create({
    data: {
      id: newId(),
      accountId,
      activityCode: e.code,
      activity: e.activity,
      initiatorId: actor?.userId ?? e.initiator?.id ?? 'system',
      initiatorName: actor?.name ?? e.initiator?.name ?? 'meshdeck',
      initiatorEmail: actor?.email ?? e.initiator?.email ?? '',
      targetId: e.targetId ?? '',
      meta: JSON.stringify(e.meta ?? {}),
      source,
    },
  });
}
