'use client';
import { useState } from 'react';
import { api } from '../api';
import { CopyButton } from '../CopyButton';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';
import type { CreatedTenant } from './types';

/**
 * Creates an account with its first owner. A new person gets an invitation link, shown here once
 * (meshdeck keeps only its hash); someone who already signs in elsewhere is its owner at once.
 */
export function CreateAccountForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [created, setCreated] = useState<CreatedTenant | null>(null);
  const { error, setError, busy, run } = usePending();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the account a name.');
    if (!domain.trim()) return setError('Give the account a domain (e.g. example.com): it names the account at sign-in and in peer names.');
    if (!/^[^\s@]+@[^\s@]+$/.test(ownerEmail.trim())) return setError("Enter the owner's email address.");
    await run(async () => {
      const body = { name: name.trim(), domain: domain.trim(), owner_email: ownerEmail.trim(), ...(ownerName.trim() ? { owner_name: ownerName.trim() } : {}) };
      setCreated(await api<CreatedTenant>('/api/installation/accounts', { method: 'POST', body: JSON.stringify(body) }));
      setName('');
      setDomain('');
      setOwnerEmail('');
      setOwnerName('');
      onCreated();
    });
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Create account" noValidate>
      <h2 className="mt-0">New account</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="account-name">Name</label>
          <input id="account-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} placeholder="e.g. Example Ltd" />
        </div>
        <div className="field">
          <label htmlFor="account-domain">Domain</label>
          <input id="account-domain" value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="example.com" />
        </div>
        <div className="field">
          <label htmlFor="account-owner-email">Owner email</label>
          <input id="account-owner-email" type="email" value={ownerEmail} onChange={(e) => setOwnerEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="account-owner-name">Owner name (optional)</label>
          <input id="account-owner-name" value={ownerName} maxLength={255} onChange={(e) => setOwnerName(e.target.value)} />
        </div>
        <div className="field fit">
          <button type="submit" className="primary" disabled={busy}>
            Create account
          </button>
        </div>
      </div>
      <ErrorAlert message={error} />
      {created && <Created account={created} onDone={() => setCreated(null)} />}
    </form>
  );
}

function Created({ account, onDone }: { account: CreatedTenant; onDone: () => void }) {
  const owner = account.owners[0];
  return (
    <div className="notice" data-testid="account-created">
      {account.invite_url ? (
        <>
          <p className="mt-0">
            Account <strong>{account.name}</strong> created. Send this invitation link to {owner}: it is shown only once, now, and works until{' '}
            {new Date(account.invite_expires_at!).toLocaleString()}. With it they choose their password and then sign in.
          </p>
          <div className="secret">
            <code data-testid="invite-url">{account.invite_url}</code>
            <CopyButton text={account.invite_url} />
          </div>
        </>
      ) : (
        <p className="mt-0">
          Account <strong>{account.name}</strong> created. {owner} already signs in to meshdeck, so they are its owner now: no invitation is needed, and they find the account in
          the account menu at the top of the console.
        </p>
      )}
      <button type="button" className="mt-8" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
