// How Ziti writers record what they change. What an identity's API session changes names that
// identity as the initiator, in its account (as the request's audit scope does too, so an entry is
// the same whether or not it is recorded within a request).
import type { Tx } from '../../db/client';
import { recordChange, type AuditEntry } from '../audit';
import type { ZitiCaller } from './api-sessions';

export function recordByCaller(db: Tx, caller: ZitiCaller, e: AuditEntry): Promise<void> {
  return recordChange(db, null, { accountId: caller.accountId, initiator: { id: caller.identity.id, name: caller.identity.name }, ...e });
}
