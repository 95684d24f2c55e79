// Every console page except sign-in needs a session; API routes authenticate in lib/http/route.ts.
import { withAuth } from 'next-auth/middleware';
import { sessionSecret } from './lib/server/secret';

export default withAuth({
  // Read per request: the installation's secret is loaded from the database at start-up, which
  // may finish after this module is first evaluated.
  get secret() {
    return sessionSecret();
  },
  pages: { signIn: '/app/login' },
});

export const config = {
  matcher: ['/app', '/app/((?!login(?:/|$)).*)'],
};
