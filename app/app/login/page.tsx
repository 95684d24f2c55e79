import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { LoginForm } from '@/components/LoginForm';
import { authOptions, oidcEnabled } from '@/lib/server/auth-options';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { error } = await searchParams;
  // Already signed in (and not bounced here because of a problem): go to the console.
  if (!error && (await getServerSession(authOptions()))) redirect('/app');
  const oidc = oidcEnabled() ? { name: process.env.OIDC_NAME || 'single sign-on' } : null;
  return (
    <div className="login-wrap">
      <Suspense>
        <LoginForm oidc={oidc} />
      </Suspense>
    </div>
  );
}
