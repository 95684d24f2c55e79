// The one path every enroll endpoint takes: redeem the token by its method, audit, shape the answer.
import type { Tx } from '../../db/client';
import type { AuditEntry } from '../../domain/audit';
import { openEnrollment, enrollOtt, enrollUpdb } from '../../domain/ziti/enrollment';
import { zitiErrors } from '../../domain/ziti/errors';
import { emptyEnvelope, envelope } from './envelope';

type Audit = (e: AuditEntry & { accountId?: string }) => void;

export async function runEnrollment(
  db: Tx,
  token: string | undefined,
  method: string | undefined,
  input: { csr?: string; username?: string; password?: string },
  audit: Audit,
) {
  const m = method || (await openEnrollment(db, token)).method;
  if (m === 'ott') {
    const r = await enrollOtt(db, token, input.csr);
    audit({ accountId: r.enrollment.accountId, code: 'ziti.identity.enroll', activity: 'Ziti identity enrolled', targetId: r.enrollment.identityId, meta: { method: 'ott' }, initiator: { id: r.enrollment.identityId, name: 'ziti enrollment' } });
    return envelope({ cert: r.cert, ca: r.ca });
  }
  if (m === 'updb') {
    const r = await enrollUpdb(db, token, input);
    audit({ accountId: r.enrollment.accountId, code: 'ziti.identity.enroll', activity: 'Ziti identity enrolled', targetId: r.enrollment.identityId, meta: { method: 'updb' }, initiator: { id: r.enrollment.identityId, name: 'ziti enrollment' } });
    return emptyEnvelope();
  }
  if (m === 'ottca') throw zitiErrors.enrollmentNoValidCas('No third-party CAs are configured; use ott or updb enrollment');
  throw zitiErrors.invalidEnrollMethod();
}
