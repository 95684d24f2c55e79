// Errors the domain raises. Each API dialect maps them to its own status codes and error bodies,
// so the rules stay here and the wire shapes stay in lib/dialects.

export type ValidationKind = 'parse' | 'type' | 'value';

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The object does not exist, or belongs to another account (indistinguishable on purpose). */
export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(id ? `${what} ${id} not found` : `${what} not found`);
  }
}

/** Input is malformed (`parse`), of the wrong JSON type (`type`), or semantically invalid (`value`). */
export class ValidationError extends DomainError {
  constructor(message: string, readonly kind: ValidationKind = 'value', readonly field?: string) {
    super(message);
  }
}

export class ConflictError extends DomainError {}

/** An optimistic-concurrency check (If-Match, ETag, revision) failed. */
export class PreconditionFailedError extends DomainError {}

/** Authenticated but not allowed. */
export class ForbiddenError extends DomainError {
  constructor(message = 'permission denied') {
    super(message);
  }
}

/** Not authenticated (no credentials, bad credentials, expired or blocked). */
export class UnauthorizedError extends DomainError {
  constructor(message = 'authentication required') {
    super(message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export class PayloadTooLargeError extends DomainError {}

/** The server cannot take the work now (e.g. its memory is nearly used up); the caller may retry. */
export class ServiceUnavailableError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/**
 * An error a vendor API defines with its own status and machine code (e.g. Ziti's
 * `MFA_INVALID_TOKEN`, 400). The dialect shows `code` as is.
 */
export class CodedError extends DomainError {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
