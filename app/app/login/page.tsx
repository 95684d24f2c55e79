import { Suspense } from 'react';
import { LoginForm } from '@/components/LoginForm';
import { oidcEnabled } from '@/lib/server/auth-options';

export const dynamic = 'force-dynamic';

export default function LoginPage() {
  const oidc = oidcEnabled() ? { name: process.env.OIDC_NAME || 'single sign-on' } : null;
  return (
    <div className="login-wrap">
      <Suspense>
        <LoginForm oidc={oidc} />
      </Suspense>
    </div>
  );
}
