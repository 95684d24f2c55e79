'use client';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { ErrorAlert, ShowOnceSecret } from './Feedback';
import { TablePanel } from './TablePanel';
import { usePending } from './usePending';
import type { NetbirdToken as Token, NetbirdUser } from '@/lib/dialects/netbird/users';

const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleString() : 'never');

const DAY_MS = 86_400_000;
const expiresWithin = (t: Token, days: number) => new Date(t.expiration_date).getTime() > Date.now() && new Date(t.expiration_date).getTime() <= Date.now() + days * DAY_MS;

/** `expiringDays`: list only tokens expiring within that many days (the dashboard's card links here so). */
export function TokensManager({ expiringDays }: { expiringDays?: number } = {}) {
  const [userId, setUserId] = useState<string | null>(null);
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const shown = expiringDays && tokens ? tokens.filter((t) => expiresWithin(t, expiringDays)) : tokens;
  const [name, setName] = useState('');
  const [days, setDays] = useState(30);
  const { error, setError, busy, run } = usePending();
  const [created, setCreated] = useState<{ name: string; plain: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async (uid: string) => {
    setTokens(await api<Token[]>(`/api/users/${uid}/tokens`));
  }, []);

  useEffect(() => {
    api<NetbirdUser>('/api/users/current')
      .then(async (u) => {
        setUserId(u.id);
        await load(u.id);
      })
      .catch((e) => setError(e.message));
  }, [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!userId) return;
    if (!name.trim()) return setError('Give the token a name.');
    await run(async () => {
      const r = await api<{ plain_token: string; personal_access_token: Token }>(`/api/users/${userId}/tokens`, {
        method: 'POST',
        body: JSON.stringify({ name: name.trim(), expires_in: days }),
      });
      setCreated({ name: r.personal_access_token.name, plain: r.plain_token });
      setName('');
      await load(userId);
    });
  }

  async function revoke(id: string) {
    if (!userId) return;
    await run(async () => {
      await api(`/api/users/${userId}/tokens/${id}`, { method: 'DELETE' });
      setConfirming(null);
      await load(userId);
    });
  }

  return (
    <>
      <form className="panel" onSubmit={create} aria-label="Create token">
        <div className="row">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <input id="token-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} placeholder="e.g. terraform" />
          </div>
          <div className="field basis-160">
            <label htmlFor="token-days">Expires in</label>
            <select id="token-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {[1, 7, 30, 90, 180, 365].map((d) => (
                <option key={d} value={d}>
                  {d} day{d > 1 ? 's' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field fit">
            <button type="submit" className="primary" disabled={busy || !userId}>
              Create token
            </button>
          </div>
        </div>
        <ErrorAlert message={error} />
        {created && <ShowOnceSecret what="Token" name={created.name} secret={created.plain} testId="new-token" secretTestId="token-secret" onDone={() => setCreated(null)} />}
      </form>
      {expiringDays && (
        <p className="panel" data-testid="tokens-filter">
          Showing your tokens that expire within {expiringDays} days. <Link href="/app/tokens">Show all tokens</Link>
        </p>
      )}
      <TablePanel
        rows={shown}
        headers={['Name', 'Created', 'Last used?', 'Expires', { key: 'Actions', label: <span className="hide-narrow">Actions</span> }]}
        empty="No tokens yet. Create one above to use the APIs from scripts, CLIs or Terraform."
      >
        {shown?.map((t) => {
          const expired = new Date(t.expiration_date) <= new Date();
          return (
            <tr key={t.id} data-testid="token-row">
              <td>{t.name}</td>
              <td>{fmt(t.created_at)}</td>
              <td className="hide-narrow">{fmt(t.last_used)}</td>
              <td>
                {expired ? <span className="badge bad">expired</span> : fmt(t.expiration_date)}
              </td>
              <td>
                {confirming === t.id ? (
                  <span className="row tight">
                    <button type="button" className="danger" disabled={busy} onClick={() => revoke(t.id)}>
                      Confirm revoke
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button type="button" className="danger" aria-label={`Revoke ${t.name}`} onClick={() => setConfirming(t.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </TablePanel>
    </>
  );
}
