// Console sign-in (next-auth v4): email + password, and optionally a generic OIDC provider when
// OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set. Sessions are signed JWT cookies that
// carry only the user id; every request reloads the user, so blocking takes effect at once.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db/client';
import { oidcLogin, passwordLogin, switchAccount } from '../domain/users/login';
import { TooManyRequestsError } from '../domain/errors';
import { clientAddress } from './client-address';
import { sessionSecret } from './secret';

// Without NEXTAUTH_URL, next-auth v4 would build every redirect on http://localhost:3000. Trust the
// Host / X-Forwarded-Host header instead, so the console works on any port and behind a proxy.
// With NEXTAUTH_URL set that URL is the only origin: AUTH_TRUST_HOST would make next-auth take the
// request's Host header over it (redirects and OIDC callbacks on a host a client chose).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';

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
      profile(p: Record<string, unknown>) {
        // An identity links to a meshdeck user by email only when the provider vouches for that
        // email: anyone can put any address in an unverified profile.
        const email = p.email_verified === true || p.email_verified === 'true' ? String(p.email ?? '') : '';
        return { id: String(p.sub), email, name: String(p.name ?? p.preferred_username ?? p.email ?? '') };
      },
    },
  ];
}

/**
 * next-auth answers a refused sign-in with 401 and an error in the URL it returns; a rate-limited
 * one gets 429 instead, so scripts and proxies see the limit (the console's signIn() reads the
 * same JSON body either way). Browser form posts (redirects) are left as they are.
 */
export async function signInStatus(res: Response): Promise<Response> {
  if ((res.status !== 200 && res.status !== 401) || !res.headers.get('content-type')?.includes('application/json')) return res;
  const body = await res.clone().json().catch(() => null);
  if (typeof body?.url !== 'string' || !/[?&]error=RateLimited\b/.test(body.url)) return res;
  return new Response(JSON.stringify(body), { status: 429, headers: res.headers });
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
        // `account` (optional): the account id or domain to act in, for people in several accounts.
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' }, account: { label: 'Account', type: 'text' } },
        async authorize(credentials, req) {
          const email = credentials?.email ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          let result;
          try {
            result = await passwordLogin(await getDb(), email, password, clientAddress(req?.headers), new Date(), credentials?.account ?? '');
          } catch (e) {
            // next-auth turns a thrown Error's message into ?error=<message> on the sign-in page.
            if (e instanceof TooManyRequestsError) throw new Error('RateLimited');
            throw e;
          }
          if (result.ok) return { id: result.userId };
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
      async jwt({ token, user, trigger, session }) {
        if (user) token.sub = user.id;
        // The console's account switcher: the same person's user in the account asked for.
        if (trigger === 'update' && token.sub && typeof session?.accountId === 'string') {
          const next = await switchAccount(await getDb(), token.sub, session.accountId);
          if (next) token.sub = next;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub } as typeof session;
      },
    },
  };
}
