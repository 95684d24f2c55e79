'use client';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { ErrorAlert } from './Feedback';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  RateLimited: 'Too many failed sign-ins. Wait a few minutes and try again.',
  Blocked: 'This user is blocked or not yet approved.',
  AccessDenied: 'This identity has no meshdeck user. Ask an admin to invite you.',
  SessionRequired: 'Please sign in.',
};

export function LoginForm({ oidc }: { oidc: { name: string } | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const initial = params.get('error');
  const [error, setError] = useState<string | null>(initial ? (MESSAGES[initial] ?? 'Sign-in failed.') : null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await signIn('credentials', { email, password, redirect: false });
    setBusy(false);
    if (r?.ok && !r.error) {
      router.replace(safeCallback(params.get('callbackUrl')));
      router.refresh();
    } else {
      setError(MESSAGES[r?.error ?? ''] ?? 'Sign-in failed.');
    }
  }

  return (
    <form className="panel login" onSubmit={submit} aria-label="Sign in">
      <div className="brand pl-0">
        <span className="brand-mark" aria-hidden="true" /> meshdeck
      </div>
      <h1>Sign in</h1>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <ErrorAlert message={error} />
      <button type="submit" className="primary full-width" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {oidc && (
        <button type="button" className="full-width mt-8" onClick={() => signIn('oidc', { callbackUrl: safeCallback(params.get('callbackUrl')) })}>
          Sign in with {oidc.name}
        </button>
      )}
    </form>
  );
}

/** Only same-site paths under /app are followed after sign-in (no open redirect). */
function safeCallback(raw: string | null): string {
  if (!raw) return '/app';
  try {
    const u = new URL(raw, 'http://x');
    const path = u.pathname + u.search;
    return (raw.startsWith('/') || u.host === location.host) && path.startsWith('/app') && !path.startsWith('/app/login') ? path : '/app';
  } catch {
    return '/app';
  }
}
