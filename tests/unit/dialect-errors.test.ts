import { describe, expect, it } from 'vitest';
import { netbird } from '@/lib/http/dialects/netbird';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { ziti } from '@/lib/http/dialects/ziti';
import { CodedError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnauthorizedError, ValidationError } from '@/lib/domain/errors';
import { errorResponse, problemFor } from '@/lib/http/errors';

describe('domain errors become each dialect’s error shape', () => {
  const cases: [Error, number][] = [
    [new NotFoundError('peer', 'x'), 404],
    [new UnauthorizedError(), 401],
    [new ForbiddenError(), 403],
    [new ConflictError('taken'), 409],
    [new PreconditionFailedError('etag mismatch'), 412],
    [new Error('boom'), 500],
  ];

  it('NetBird: {message, code}', async () => {
    for (const [e, status] of cases) {
      const r = errorResponse(problemFor(e, netbird, 'rid'), netbird);
      expect(r.status).toBe(status);
      expect(await r.json()).toEqual({ message: expect.any(String), code: status });
    }
    expect(problemFor(new ValidationError('bad', 'type'), netbird, 'r').status).toBe(400);
    expect(problemFor(new ValidationError('bad', 'value'), netbird, 'r').status).toBe(422);
  });

  it('Tailscale: {message}, Basic challenge on 401', async () => {
    const r = errorResponse(problemFor(new UnauthorizedError('API token invalid'), tailscale, 'r'), tailscale);
    expect(r.headers.get('www-authenticate')).toContain('Basic');
    expect(await r.json()).toEqual({ message: 'API token invalid' });
    expect(problemFor(new ValidationError('bad', 'value'), tailscale, 'r').status).toBe(400);
  });

  it('ZeroTier: status with a message', async () => {
    const r = errorResponse(problemFor(new NotFoundError('network'), zerotier, 'r'), zerotier);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ message: 'network not found' });
  });

  it('Ziti: the apiErrorEnvelope with Ziti codes', async () => {
    const r = errorResponse(problemFor(new UnauthorizedError(), ziti, 'req1'), ziti);
    // 401s also carry `data: {}`: the spec documents some of them as the empty envelope.
    expect(await r.json()).toEqual({
      data: {},
      error: { code: 'UNAUTHORIZED', message: 'authentication required', requestId: 'req1' },
      meta: { apiVersion: '0.0.1', apiEnrollmentVersion: '0.0.1' },
    });
    const v = await errorResponse(problemFor(new ValidationError('name is required', 'value', 'name'), ziti, 'r'), ziti).json();
    expect(v.error.code).toBe('COULD_NOT_VALIDATE');
    expect(v.error.cause).toEqual({ field: 'name', reason: 'name is required' });
    const p = await errorResponse(problemFor(new ValidationError('bad json', 'parse'), ziti, 'r'), ziti).json();
    expect(p.error.code).toBe('COULD_NOT_PARSE_BODY');
    const c = errorResponse(problemFor(new CodedError(400, 'MFA_INVALID_TOKEN', 'bad code'), ziti, 'r'), ziti);
    expect(c.status).toBe(400);
    expect((await c.json()).error).toEqual({ code: 'MFA_INVALID_TOKEN', message: 'bad code', requestId: 'r' });
  });
});
