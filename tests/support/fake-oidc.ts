// A minimal OpenID Connect provider on 127.0.0.1 for testing meshdeck's optional OIDC sign-in:
// discovery, an authorize endpoint that consents at once, a token endpoint that checks PKCE and
// returns an RS256-signed id_token, JWKS and userinfo. Test-only; nothing here is production code.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface FakeOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next sign-in is. */
  setUser(u: { sub: string; email: string; name: string; email_verified?: boolean }): void;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startFakeOidc(): Promise<FakeOidc> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as object), kid: 'k1', alg: 'RS256', use: 'sig' };
  const clientId = 'meshdeck-test';
  const clientSecret = randomBytes(16).toString('hex');
  let user: { sub: string; email: string; name: string; email_verified?: boolean } = { sub: 'u1', email: 'nobody@example.test', name: 'Nobody' };
  const codes = new Map<string, { challenge: string; nonce?: string; user: typeof user }>();
  let issuer = '';

  const idToken = (u: typeof user, nonce?: string) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' }));
    const payload = b64url(JSON.stringify({ iss: issuer, aud: clientId, sub: u.sub, email: u.email, email_verified: u.email_verified ?? true, name: u.name, iat: now, exp: now + 300, ...(nonce ? { nonce } : {}) }));
    return `${header}.${payload}.${b64url(sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey))}`;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', nonce: url.searchParams.get('nonce') ?? undefined, user });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      if (url.searchParams.get('state')) back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || (grant.challenge && b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge)) {
        return json(400, { error: 'invalid_grant' });
      }
      codes.delete(form.get('code')!);
      return json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken(grant.user, grant.nonce) });
    }
    if (url.pathname === '/userinfo') return json(200, user);
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    setUser: (u) => (user = u),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
