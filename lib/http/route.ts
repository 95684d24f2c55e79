// The one wrapper every app/**/route.ts goes through. In order: authenticate (API token in any
// dialect's style, or the console session cookie with a same-origin check), authorize by role,
// read and validate body and query, run the handler (in a transaction when it mutates, inside an
// audit scope naming the API, so the domain writers' audit entries say where a change came from),
// and turn any error into the dialect's shape.
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { getDb, type Tx } from '../db/client';
import type { Dialect } from './dialect';
import type { Actor } from '../domain/actor';
import { withAuditScope } from '../domain/audit';
import type { Peer } from '../db/models';
import { ForbiddenError } from '../domain/errors';
import { newId } from '../domain/ids';
import { allows, type Permission } from '../domain/users/roles';
import { authenticateApiSession, presentedSessionToken, type ZitiCaller } from '../domain/ziti/api-sessions';
import { check, DEFAULT_MAX_BODY, parseJson, readText } from './body';
import { countApiRequest } from '../domain/accounts/quotas';
import { authenticatePeer, authenticateUser } from './authenticate';
import { errorResponse, problemFor } from './errors';
import { ENCODING_HEADER, LENGTH_HEADER, encodedBodiesInstalled } from '../server/encoded-bodies';
import { acceptsGzip, gzipChunks } from './gzip-chunks';
import { refuseWhenMemoryIsShort } from './memory-guard';
import { observeRequest } from './metrics';

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export interface RouteOptions<B extends Schema | undefined, Q extends Schema | undefined> {
  dialect: Dialect;
  /**
   * Default: `read` for GET/HEAD, `admin` for writes. `public` skips authentication; `agent`
   * authenticates a peer by its agent token (ctx.peer) instead of a user. `ziti` authenticates an
   * OpenZiti API session (`zt-session` header or Bearer; ctx.ziti); `ziti-partial` also accepts a
   * session still waiting for its MFA step.
   */
  permission?: Permission | 'public' | 'agent' | 'ziti' | 'ziti-partial';
  body?: B;
  query?: Q;
  maxBody?: number;
  /** A write that changes nothing persistent (e.g. a validate call) says so, and is not audited. */
  readOnly?: boolean;
  /**
   * Default true for writes. A handler that checks a credential (password, TOTP code, certificate)
   * says false: an expensive check must not hold the database (SQLite has one connection), and the
   * failed attempt it counts must outlive the request's error. Its writes are then each atomic.
   */
  transaction?: boolean;
}

export interface RouteContext<B, Q> {
  req: NextRequest;
  url: URL;
  params: Record<string, string>;
  body: B;
  query: Q;
  /** Absent only on `public` and `agent` routes. */
  actor: Actor;
  /** Set on `agent` routes only. */
  peer: Peer;
  /** Set on `ziti` and `ziti-partial` routes only. */
  ziti: ZitiCaller;
  db: Tx;
  requestId: string;
}

/** A handler may return a Response, a Reply, or any JSON-serializable value (sent as 200). */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
    /** A body of byte chunks may be sent gzipped to a client that accepts it (lib/http/gzip-chunks.ts). */
    readonly gzip = false,
  ) {}
}

/**
 * Byte chunks as a response body without copying them: a Uint8Array body is copied whole by the
 * Response constructor, which at 4 MB per agent map (or a 22 MB peer listing) cost more than
 * building it.
 */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

export const reply = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Reply(body, status, headers);

/**
 * Large byte-chunk answers whose chunks are reused between requests (a listing's blocks): gzipped
 * for clients that accept it, each chunk compressed once for as long as it lives.
 */
export const replyChunks = (chunks: Uint8Array[], headers: Record<string, string>) => new Reply(chunks, 200, headers, true);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The metrics label: the route's pattern, never the request's spelling of it (ids are unbounded).
// Each param fills one path segment (a catch-all several); a segment is folded into `{name}` when
// its decoded text is that param's value, searching from the right since ids follow static parts.
// So a label holds only param names and segments Next matched as the route's own: a bounded set.
function routePattern(pathname: string, params: Record<string, string>): string {
  const segs = pathname.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const out: (string | null)[] = [...segs];
  const used = segs.map(() => false);
  const fits = (i: number, n: number, v: string) => !used.slice(i, i + n).includes(true) && segs.slice(i, i + n).join('/') === v;
  for (const [k, v] of Object.entries(params).reverse()) {
    const n = v.split('/').length;
    let i = segs.length - n;
    while (i > 0 && !fits(i, n, v)) i--;
    if (i <= 0) return '{unmatched}';
    out.splice(i, n, `{${k}}`, ...Array<null>(n - 1).fill(null));
    used.fill(true, i, i + n);
  }
  return out.filter((s) => s !== null).join('/');
}

export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  opts: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<unknown>,
) {
  return async (req: NextRequest, segment?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const started = performance.now();
    const requestId = newId();
    const url = new URL(req.url);
    const rawParams = (await segment?.params) ?? {};
    const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
    const isWrite = WRITES.has(req.method) && !opts.readOnly;
    let response: Response;
    try {
      refuseWhenMemoryIsShort();
      const db = await getDb();
      const permission = opts.permission ?? (isWrite ? 'admin' : 'read');
      const missing = opts.dialect.name === 'netbird' ? 'no valid authentication provided' : 'authentication required';
      const isZiti = permission === 'ziti' || permission === 'ziti-partial';
      const isUser = permission !== 'public' && permission !== 'agent' && !isZiti;
      const actor = isUser ? await authenticateUser(req, url, db, missing, opts.dialect.name === 'zerotier') : (undefined as unknown as Actor);
      const peer = permission === 'agent' ? await authenticatePeer(req, db) : (undefined as unknown as Peer);
      const ziti = isZiti
        ? await authenticateApiSession(db, presentedSessionToken(req.headers), { allowPartial: permission === 'ziti-partial' })
        : (undefined as unknown as ZitiCaller);
      if (isUser && actor.requestQuota != null) await countApiRequest(db, actor.accountId, actor.requestQuota);
      if (isUser && !allows(actor.role, permission as Permission)) {
        throw new ForbiddenError(actor.role === 'auditor' ? 'auditors have read-only access' : `the ${actor.role} role may not do this`);
      }
      const query = (opts.query ? check(opts.query, Object.fromEntries(url.searchParams), 'query') : undefined) as Infer<Q>;
      const body = (opts.body ? check(opts.body, parseJson(await readText(req, opts.maxBody ?? DEFAULT_MAX_BODY)), 'body') : undefined) as Infer<B>;
      const source = actor?.via === 'session' ? 'console' : opts.dialect.name;
      // A Ziti identity is the initiator of what its API session changes.
      const caller = ziti ? { accountId: ziti.accountId, initiator: { id: ziti.identity.id, name: ziti.identity.name } } : undefined;
      // Domain writers record their audit entries on `tx` with this scope's source (lib/domain/audit.ts).
      const run = (tx: Tx) =>
        withAuditScope({ source, caller }, () =>
          handler({ req, url, params, body, query, actor, peer, ziti, db: tx, requestId }),
        );
      const inTransaction = isWrite && opts.transaction !== false;
      const result = inTransaction ? await db.$transaction(run, { timeout: 30_000, maxWait: 30_000 }) : await run(db);
      response = toResponse(result, requestId, req.headers.get('accept-encoding'));
    } catch (e) {
      const problem = problemFor(e, opts.dialect, requestId);
      if (problem.status >= 500) console.error(`[${requestId}] ${req.method} ${url.pathname}:`, e);
      response = errorResponse(problem, opts.dialect);
    }
    observeRequest(req.method, routePattern(url.pathname, params), response.status, (performance.now() - started) / 1000);
    return response;
  };
}

function toResponse(result: unknown, requestId: string, acceptEncoding: string | null): Response {
  if (result instanceof Response) {
    result.headers.set('X-Request-Id', requestId);
    return result;
  }
  const r = result instanceof Reply ? result : new Reply(result);
  const headers: Record<string, string> = { 'X-Request-Id': requestId, ...r.headers };
  if (r.body === undefined || r.status === 204) return new Response(null, { status: r.status, headers });
  if ((typeof r.body === 'string' || r.body instanceof ReadableStream) && headers['Content-Type']) return new Response(r.body as BodyInit, { status: r.status, headers });
  if (Array.isArray(r.body) && r.body.length > 0 && r.body.every((c) => c instanceof Uint8Array) && headers['Content-Type']) {
    let chunks = r.body as Uint8Array[];
    if (r.gzip) {
      headers.Vary = 'Accept-Encoding';
      if (acceptsGzip(acceptEncoding) && encodedBodiesInstalled()) {
        chunks = gzipChunks(chunks);
        headers[ENCODING_HEADER] = 'gzip';
      }
    }
    // Next.js drops Content-Length from a route's Response: the response hook writes it from this.
    const length = String(chunks.reduce((n, c) => n + c.length, 0));
    return new Response(streamOf(chunks), { status: r.status, headers: { ...headers, [LENGTH_HEADER]: length } });
  }
  return Response.json(r.body, { status: r.status, headers });
}
