// Console sign-in (next-auth v4): email + password, and optionally a generic OIDC provider when
// OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set. Sessions are signed JWT cookies that
// carry only the user id; every request reloads the user, so blocking takes effect at once.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db/client';
import { oidcLogin, passwordLogin } from '../domain/login';
import { TooManyRequestsError } from '../domain/errors';
import { forget, hit, SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS } from './rate-limit';
import { sessionSecret } from './secret';

// Without NEXTAUTH_URL, next-auth v4 would build every redirect on http://localhost:3000. Trust the
// Host / X-Forwarded-Host header instead, so the console works on any port and behind a proxy;
// set NEXTAUTH_URL to pin the public URL.
process.env.AUTH_TRUST_HOST ??= 'true';


function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = String(headers?.['x-forwarded-for'] ?? '').split(',')[0].trim();
  return fwd || String(headers?.['x-real-ip'] ?? 'local');
}

function oidcProvider() {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: 'oidc',
      name: process.env.OIDC_NAME || 'Single sign-on',
      type: 'oauth' as const,
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce' as const, 'state' as const],
      profile(p: Record<string, string>) {
        return { id: p.sub, email: p.email, name: p.name ?? p.preferred_username ?? p.email };
      },
    },
  ];
}

export function oidcEnabled(): boolean {
  return oidcProvider().length > 0;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/app/login', error: '/app/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const email = credentials?.email ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          const ipKey = `login-fail:${clientIp(req?.headers)}`;
          const db = await getDb();
          let result;
          try {
            result = await passwordLogin(db, email, password);
          } catch (e) {
            // next-auth turns a thrown Error's message into ?error=<message> on the sign-in page.
            if (e instanceof TooManyRequestsError) throw new Error('RateLimited');
            throw e;
          }
          if (result.ok) {
            forget(ipKey);
            return { id: result.userId };
          }
          if (hit(ipKey, SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS) > 0) throw new Error('RateLimited');
          if (result.reason === 'blocked') throw new Error('Blocked');
          return null;
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return false;
        const result = await oidcLogin(await getDb(), user.email);
        if (!result.ok) return false;
        user.id = result.userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub } as typeof session;
      },
    },
  };
}
