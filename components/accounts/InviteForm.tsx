'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';

const MIN_PASSWORD = 10;

interface Invitation {
  email: string;
  account_name: string;
  expires_at: string;
}

type State = { step: 'loading' } | { step: 'unknown'; message: string } | { step: 'choose'; invite: Invitation } | { step: 'done'; email: string };

/** Reads the invitation's secret from the link's fragment, shows whom it is for, sets the password. */
export function InviteForm() {
  const [secret, setSecret] = useState('');
  const [state, setState] = useState<State>({ step: 'loading' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { error, setError, busy, run } = usePending();

  useEffect(() => {
    const s = decodeURIComponent(window.location.hash.slice(1)).trim();
    setSecret(s);
    if (!s) return setState({ step: 'unknown', message: 'This link holds no invitation. Open the whole link you were sent.' });
    api<Invitation>('/api/console/invite', { method: 'PUT', body: JSON.stringify({ secret: s }) })
      .then((invite) => setState({ step: 'choose', invite }))
      .catch((e) =>
        setState({ step: 'unknown', message: e instanceof ApiError && e.status === 404 ? 'This invitation is unknown, used or expired. Ask the operator who sent it for a new one.' : (e as Error).message }),
      );
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(`Choose a password of at least ${MIN_PASSWORD} characters.`);
    if (password !== confirm) return setError('The two passwords differ.');
    await run(async () => {
      const { email } = await api<{ email: string }>('/api/console/invite', { method: 'POST', body: JSON.stringify({ secret, password }) });
      // The link is used up: keep its secret out of the history and the address bar.
      window.history.replaceState(null, '', window.location.pathname);
      setState({ step: 'done', email });
    });
  }

  return (
    <form className="panel login" onSubmit={submit} aria-label="Accept invitation" noValidate>
      <div className="brand pl-0">
        <span className="brand-mark" aria-hidden="true" /> meshdeck
      </div>
      <h1>Invitation</h1>
      {state.step === 'loading' && <p>Checking the invitation…</p>}
      {state.step === 'unknown' && (
        <>
          <p className="error" role="alert">
            {state.message}
          </p>
          <Link href="/app/login">Go to sign-in</Link>
        </>
      )}
      {state.step === 'choose' && (
        <>
          <p className="mt-0" data-testid="invite-for">
            You are invited as the owner of <strong>{state.invite.account_name}</strong>. Choose the password you will sign in with as <strong>{state.invite.email}</strong>.
          </p>
          <p className="hint">The invitation works until {new Date(state.invite.expires_at).toLocaleString()}.</p>
          <input type="email" autoComplete="username" value={state.invite.email} readOnly hidden />
          <div className="field">
            <label htmlFor="new-password">Password</label>
            <input id="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="new-password-hint" />
            <p className="hint" id="new-password-hint">
              At least {MIN_PASSWORD} characters.
            </p>
          </div>
          <div className="field">
            <label htmlFor="confirm-password">Confirm password</label>
            <input id="confirm-password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </div>
          <ErrorAlert message={error} />
          <button type="submit" className="primary full-width" disabled={busy}>
            {busy ? 'Setting password…' : 'Set password'}
          </button>
        </>
      )}
      {state.step === 'done' && (
        <>
          <p className="mt-0" role="status">
            Your password is set. Sign in as <strong>{state.email}</strong> to open your account.
          </p>
          <Link href="/app/login" className="btn primary">
            Sign in
          </Link>
        </>
      )}
    </form>
  );
}
