// Every console page except sign-in needs a session; API routes authenticate in lib/http/route.ts.
import { withAuth } from 'next-auth/middleware';
import { sessionSecret } from './lib/server/secret';

export default withAuth({
  secret: sessionSecret(),
  pages: { signIn: '/app/login' },
});

export const config = {
  matcher: ['/app', '/app/((?!login(?:/|$)).*)'],
};
