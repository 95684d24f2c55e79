// How a request presents an API token, in every style the four APIs use:
//   Authorization: Token <t>        (NetBird)
//   Authorization: Bearer <t>       (all)
//   Authorization: Basic base64(<t>:) (Tailscale: the API key as user name, empty password)
//   X-ZT1-Auth: <t>  or  ?auth=<t>  (ZeroTier)
// The header styles are accepted on any route: one token, one check, whatever the dialect. The
// `?auth=` query is read only where the caller allows it (ZeroTier's routes): a token in a URL ends
// up in proxy and access logs, so no other API invites clients to put it there.

export type TokenStyle = 'token' | 'bearer' | 'basic' | 'zt1-header' | 'zt1-query';
export type Presented = { kind: 'token'; token: string; style: TokenStyle } | { kind: 'malformed'; style: TokenStyle } | { kind: 'none' };

export function presentedToken(headers: Headers, url: URL, allowQuery = false): Presented {
  const authz = headers.get('authorization')?.trim();
  if (authz) {
    const sp = authz.indexOf(' ');
    const scheme = (sp < 0 ? authz : authz.slice(0, sp)).toLowerCase();
    const value = sp < 0 ? '' : authz.slice(sp + 1).trim();
    if (scheme === 'token' || scheme === 'bearer') {
      const style = scheme === 'token' ? 'token' : 'bearer';
      return value ? { kind: 'token', token: value, style } : { kind: 'malformed', style };
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
      return user ? { kind: 'token', token: user, style: 'basic' } : { kind: 'malformed', style: 'basic' };
    }
  }
  const zt = headers.get('x-zt1-auth')?.trim();
  if (zt) return { kind: 'token', token: zt, style: 'zt1-header' };
  const q = allowQuery ? url.searchParams.get('auth') : null;
  if (q !== null) return q ? { kind: 'token', token: q, style: 'zt1-query' } : { kind: 'malformed', style: 'zt1-query' };
  return { kind: 'none' };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookie-authenticated writes must come from the console's own origin (CSRF defence): the browser's
 * Origin header must match the Host the request was sent to, or Sec-Fetch-Site must say same-origin.
 */
export function sameOriginOk(method: string, headers: Headers): boolean {
  if (!UNSAFE.has(method)) return true;
  const origin = headers.get('origin');
  if (origin) {
    try {
      const host = headers.get('x-forwarded-host') ?? headers.get('host');
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return headers.get('sec-fetch-site') === 'same-origin';
}
