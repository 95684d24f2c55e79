// Admission of anonymous work. A flood of sign-ins or unauthenticated writes saturates the one
// event loop long before any limit in the database answers it: each request costs Next.js' request
// handling, body parsing and a few queries, and requests are served in arrival order, so an admin's
// write waited behind hundreds of them (7.8 s median with 40 clients, before this).
//
// So before Next.js sees a request, sign-in endpoints and every request that carries no credential
// (console pages for signed-out visitors, API calls without a token or with a malformed one) go
// through one small lane: at most LANE_RUNNING of them are handled at once, up to LANE_WAITING wait
// (costing no CPU: the request is simply not handed on yet), and beyond that the request is
// answered 429 at once, in its API's error shape, without reaching the application. Requests that
// carry a credential (token, session cookie, Ziti session) never wait in this lane.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { accessTokenLooksValid } from '../domain/secrets';

export const LANE_RUNNING = Math.max(1, Number(process.env.MESHDECK_ANONYMOUS_CONCURRENCY || 4));
export const LANE_WAITING = 128;

const SIGN_IN = [/^\/api\/console\/invite$/, /^\/edge\/client\/v1\/authenticate(\/mfa)?$/, /^\/edge\/client\/v1\/enroll/, /^\/api\/auth\/callback\//, /^\/api\/auth\/signin\//, /^\/api\/agent\/register$/];
// Served to anyone without work worth queueing: built assets, and the health check monitors poll.
const FREE = [/^\/_next\//, /^\/favicon\.ico$/, /^\/api\/health$/];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a request presents something shaped like a credential: an API or agent token with a
 * valid checksum (in any dialect's style), a Ziti session id, or a console session cookie. Only the
 * shape is checked here; the route wrapper checks the credential itself.
 */
export function looksCredentialed(path: string, headers: http.IncomingHttpHeaders): boolean {
  const authz = headers.authorization?.trim() ?? '';
  const [scheme, value = ''] = [authz.slice(0, authz.indexOf(' ') >>> 0).toLowerCase(), authz.slice(authz.indexOf(' ') + 1).trim()];
  if ((scheme === 'token' || scheme === 'bearer') && (accessTokenLooksValid(value) || UUID.test(value))) return true;
  if (scheme === 'basic' && accessTokenLooksValid(Buffer.from(value, 'base64').toString('utf8').split(':')[0])) return true;
  const zt1 = headers['x-zt1-auth'];
  if (typeof zt1 === 'string' && accessTokenLooksValid(zt1.trim())) return true;
  const zt = headers['zt-session'];
  if (typeof zt === 'string' && UUID.test(zt.trim())) return true;
  if (/(^|;\s*)(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(headers.cookie ?? '')) return true;
  const auth = /[?&]auth=([^&]*)/.exec(path);
  return !!auth && accessTokenLooksValid(decodeURIComponent(auth[1]));
}

/** Whether a request goes through the anonymous lane: sign-ins always, and anything without a credential. */
export function isAnonymousWork(method: string, url: string, headers: http.IncomingHttpHeaders): boolean {
  const path = url.split('?')[0];
  if (SIGN_IN.some((re) => re.test(path))) return true;
  if (FREE.some((re) => re.test(path))) return false;
  try {
    return !looksCredentialed(url, headers);
  } catch {
    return true; // e.g. a malformed percent-encoding in ?auth=
  }
}

/** The 429 body in the error shape of the API the path belongs to. */
export function laneFullBody(path: string, host: string): { body: unknown; contentType: string } {
  const message = 'too many unauthenticated requests at once; try again shortly';
  if (path.startsWith('/edge/client/v1/')) {
    return { contentType: 'application/json', body: { error: { code: 'RATE_LIMITED', message, requestId: randomUUID() }, meta: { apiVersion: '0.0.1', apiEnrollmentVersion: '0.0.1' } } };
  }
  // next-auth's client reads `url` and takes the error from it (the console shows "RateLimited").
  if (path.startsWith('/api/auth/')) return { contentType: 'application/json', body: { url: `http://${host || 'localhost'}/api/auth/error?error=RateLimited` } };
  if (path.startsWith('/api/v2/')) return { contentType: 'application/json', body: { message } };
  return { contentType: 'application/json', body: { message, code: 429 } };
}

interface Lane {
  running: number;
  waiting: (() => void)[];
}
const holder = globalThis as unknown as { __meshdeckLane?: Lane };
const lane: Lane = (holder.__meshdeckLane ??= { running: 0, waiting: [] });

/**
 * Hands the request on (`pass`) now, later, or never: when the lane is full it is answered 429
 * here. Called from the server's request hook (client-address.ts) for every request.
 */
export function admit(req: http.IncomingMessage, res: http.ServerResponse, pass: () => void): void {
  const path = (req.url ?? '/').split('?')[0];
  if (!isAnonymousWork(req.method ?? 'GET', req.url ?? '/', req.headers)) return pass();
  const done = () => {
    res.off('close', done);
    const next = lane.waiting.shift();
    if (next) next();
    else lane.running--;
  };
  const start = () => {
    res.on('close', done);
    pass();
  };
  if (lane.running < LANE_RUNNING) {
    lane.running++;
    return start();
  }
  if (lane.waiting.length >= LANE_WAITING) {
    const { body, contentType } = laneFullBody(path, req.headers.host ?? '');
    res.writeHead(429, { 'Content-Type': contentType, 'Retry-After': '1' });
    res.end(JSON.stringify(body));
    return;
  }
  // A waiter whose client went away gives its place up.
  const gone = () => {
    const i = lane.waiting.indexOf(wait);
    if (i >= 0) lane.waiting.splice(i, 1);
  };
  const wait = () => {
    res.off('close', gone);
    start();
  };
  lane.waiting.push(wait);
  res.once('close', gone);
}
