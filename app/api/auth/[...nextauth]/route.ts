import NextAuth from 'next-auth';
import { authOptions, signInStatus } from '@/lib/server/auth-options';

const handler = async (req: Request, ctx: unknown) => signInStatus(await NextAuth(authOptions())(req, ctx));
export { handler as GET, handler as POST };
