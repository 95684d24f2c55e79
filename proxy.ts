// Every console page except sign-in and invitations needs a session; API routes authenticate in lib/http/route.ts.
// With MESHDECK_HSTS=1 console pages (sign-in included) also carry Strict-Transport-Security, for
// TLS proxies that do not send X-Forwarded-Proto (next.config.ts handles those that do). It is read
// here because next.config.ts headers are fixed at build time. API routes stay outside this proxy:
// it would buffer their bodies (flow reports run to 32 MiB).
import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent } from 'next/server';
import { sessionSecret } from './lib/server/secret';

const auth = withAuth({
  // Read per request: the installation's secret is loaded from the database at start-up, which
  // may finish after this module is first evaluated.
  get secret() {
    return sessionSecret();
  },
  pages: { signIn: '/app/login' },
});

// Sign-in and an owner's invitation page (it sets the password the person will sign in with).
const SIGN_IN = /^\/app\/(?:login|invite)(?:\/|$)/;

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  const res = SIGN_IN.test(req.nextUrl.pathname) ? NextResponse.next() : ((await auth(req, event)) ?? NextResponse.next());
  if (process.env.MESHDECK_HSTS === '1') res.headers.set('Strict-Transport-Security', 'max-age=31536000');
  return res;
}

export const config = {
  matcher: ['/app', '/app/:path*'],
};
