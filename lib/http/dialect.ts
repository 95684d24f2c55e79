// What every API dialect tells the shared route wrapper: how its errors look on the wire.
import type { AuditSource } from '../domain/audit';
import type { ValidationKind } from '../domain/errors';

/** A problem the wrapper must report: an HTTP status, a short machine code and a sentence. */
export interface Problem {
  status: number;
  /** Machine code, e.g. UNAUTHORIZED, NOT_FOUND, INVALID_ARGUMENT. */
  code: string;
  message: string;
  requestId: string;
  field?: string;
  /** Set for a vendor-defined error (CodedError): the exact code the vendor's API uses. */
  vendorCode?: string;
  /** Seconds to wait, for 429 answers (sent as Retry-After). */
  retryAfter?: number;
}

export interface Dialect {
  name: AuditSource;
  /** The status a validation failure of this kind gets (NetBird: 400 for parse/type, 422 for value). */
  validationStatus(kind: ValidationKind): number;
  /** The JSON body of an error response. */
  errorBody(p: Problem): unknown;
  /** Extra headers on an error response (e.g. WWW-Authenticate on 401). */
  errorHeaders?(p: Problem): Record<string, string>;
}
