'use client';
import { useState } from 'react';

export interface AccountChoice {
  id: string;
  name: string;
  role: string;
}

/**
 * The account the console acts in, and for people in several accounts a menu to switch. Switching
 * is next-auth's session update (the jwt callback in lib/server/auth-options.ts moves the session to
 * the person's user in that account); the whole console then reloads in the new account.
 */
export function AccountSwitcher({ accounts, current }: { accounts: AccountChoice[]; current: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const here = accounts.find((a) => a.id === current);
  if (accounts.length < 2) {
    return (
      <span className="account-name" data-testid="account">
        {here?.name}
      </span>
    );
  }

  async function switchTo(accountId: string) {
    setBusy(true);
    setError(null);
    try {
      const { csrfToken } = await (await fetch('/api/auth/csrf', { credentials: 'same-origin' })).json();
      const res = await fetch('/api/auth/session', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ csrfToken, data: { accountId } }),
      });
      if (!res.ok) throw new Error(`${res.status}`);
      window.location.assign('/app');
    } catch {
      setBusy(false);
      setError('Could not switch accounts. Reload the page and try again.');
    }
  }

  return (
    <span className="account-switch">
      <label htmlFor="account-switch" className="sr-only">
        Account
      </label>
      <select id="account-switch" data-testid="account" value={current} disabled={busy} onChange={(e) => switchTo(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.role})
          </option>
        ))}
      </select>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
