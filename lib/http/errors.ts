// Turning anything thrown into a dialect's error response.
import type { Dialect, Problem } from './dialect';
import {
  CodedError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors';

function prismaCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

export function problemFor(e: unknown, dialect: Dialect, requestId: string): Problem {
  const p = (status: number, code: string, message: string, field?: string): Problem => ({ status, code, message, requestId, field });
  if (e instanceof ValidationError) {
    return p(dialect.validationStatus(e.kind), e.kind === 'parse' ? 'PARSE_ERROR' : 'INVALID_ARGUMENT', e.message, e.field);
  }
  if (e instanceof NotFoundError) return p(404, 'NOT_FOUND', e.message);
  if (e instanceof UnauthorizedError) return p(401, 'UNAUTHORIZED', e.message);
  if (e instanceof ForbiddenError) return p(403, 'FORBIDDEN', e.message);
  if (e instanceof ConflictError) return p(409, 'CONFLICT', e.message);
  if (e instanceof PreconditionFailedError) return p(412, 'PRECONDITION_FAILED', e.message);
  if (e instanceof PayloadTooLargeError) return p(413, 'PAYLOAD_TOO_LARGE', e.message);
  if (e instanceof TooManyRequestsError) return { ...p(429, 'TOO_MANY_REQUESTS', e.message), retryAfter: e.retryAfterSeconds };
  if (e instanceof ServiceUnavailableError) return { ...p(503, 'UNAVAILABLE', e.message), retryAfter: e.retryAfterSeconds };
  if (e instanceof CodedError) return { ...p(e.status, e.code, e.message), vendorCode: e.code };
  if (e instanceof DomainError) return p(400, 'BAD_REQUEST', e.message);
  const pc = prismaCode(e);
  // A unique constraint lost to a concurrent writer, or a row deleted under our feet.
  if (pc === 'P2002') return p(409, 'CONFLICT', 'an object with the same unique value already exists');
  if (pc === 'P2025') return p(404, 'NOT_FOUND', 'object not found');
  return p(500, 'INTERNAL', 'internal server error');
}

export function errorResponse(problem: Problem, dialect: Dialect): Response {
  return Response.json(dialect.errorBody(problem), {
    status: problem.status,
    headers: {
      'X-Request-Id': problem.requestId,
      ...(problem.retryAfter ? { 'Retry-After': String(problem.retryAfter) } : {}),
      ...(dialect.errorHeaders?.(problem) ?? {}),
    },
  });
}
