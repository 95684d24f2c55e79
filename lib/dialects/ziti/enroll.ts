// The answer every enroll endpoint gives: the client certificate and CA for `ott`, nothing for `updb`.
import type { EnrollResult } from '../../domain/ziti/enrollment';
import { emptyEnvelope, envelope } from './envelope';

export function enrollResponse(r: EnrollResult) {
  return r.method === 'ott' ? envelope({ cert: r.cert, ca: r.ca }) : emptyEnvelope();
}
