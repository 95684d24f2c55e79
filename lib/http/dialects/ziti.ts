// OpenZiti Edge Client API errors: the apiErrorEnvelope `{error: {code, message, requestId, ...}, meta}`
// with Ziti's upper-case codes.
import { ZITI_META } from '../../dialects/ziti/envelope';
import type { Dialect, Problem } from '../dialect';

const CODES: Record<number, string> = {
  400: 'COULD_NOT_VALIDATE',
  401: 'UNAUTHORIZED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'COULD_NOT_READ_BODY',
  429: 'RATE_LIMITED',
};

function zitiCode(p: Problem): string {
  if (p.vendorCode) return p.vendorCode;
  if (p.code === 'PARSE_ERROR') return 'COULD_NOT_PARSE_BODY';
  return CODES[p.status] ?? (p.status >= 500 ? 'UNHANDLED' : p.code);
}

export const ziti: Dialect = {
  name: 'ziti',
  validationStatus: () => 400,
  // The spec documents some 401s (POST /authenticate/mfa) as the empty envelope `{data, meta}`:
  // 401 bodies carry `data: {}` besides `error`, so they match both readings.
  errorBody: (p) => ({
    ...(p.status === 401 ? { data: {} } : {}),
    error: {
      code: zitiCode(p),
      message: p.message,
      requestId: p.requestId,
      ...(p.field ? { cause: { field: p.field, reason: p.message } } : {}),
    },
    meta: ZITI_META,
  }),
};
