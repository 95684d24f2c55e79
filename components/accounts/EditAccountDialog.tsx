'use client';
import { useState } from 'react';
import { api } from '../api';
import { FormDialog, invalid } from '../forms/FormDialog';
import { quotaValue, type Tenant } from './types';

const text = (n: number | null) => (n === null ? '' : String(n));

/** Renames an account and sets its quotas (blank: no limit). */
export function EditAccountDialog({ account, onDone, onClose }: { account: Tenant; onDone: () => void; onClose: () => void }) {
  const [name, setName] = useState(account.name);
  const [peers, setPeers] = useState(text(account.peer_quota));
  const [requests, setRequests] = useState(text(account.api_requests_per_minute));

  async function save() {
    if (!name.trim()) invalid('Give the account a name.');
    const body = { name: name.trim(), peer_quota: quotaValue(peers, 'Peer quota'), api_requests_per_minute: quotaValue(requests, 'API requests per minute') };
    await api(`/api/installation/accounts/${account.id}`, { method: 'PUT', body: JSON.stringify(body) });
  }

  return (
    <FormDialog title={`Edit account ${account.name}`} submitLabel="Save account" onSubmit={save} onDone={onDone} onClose={onClose}>
      <div className="field">
        <label htmlFor="edit-account-name">Name</label>
        <input id="edit-account-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="edit-account-peers">Peer quota</label>
          <input id="edit-account-peers" inputMode="numeric" value={peers} onChange={(e) => setPeers(e.target.value)} placeholder="no limit" aria-describedby="edit-account-peers-hint" />
          <p className="hint" id="edit-account-peers-hint">
            Peers the account may have; registrations beyond it are refused. Blank: no limit.
          </p>
        </div>
        <div className="field">
          <label htmlFor="edit-account-requests">API requests per minute</label>
          <input
            id="edit-account-requests"
            inputMode="numeric"
            value={requests}
            onChange={(e) => setRequests(e.target.value)}
            placeholder="no limit"
            aria-describedby="edit-account-requests-hint"
          />
          <p className="hint" id="edit-account-requests-hint">
            Requests with the account&apos;s API tokens; beyond it they get 429. Blank: no limit.
          </p>
        </div>
      </div>
    </FormDialog>
  );
}

/** Deleting an account takes all its data with it, so its name must be typed first. */
export function DeleteAccountDialog({ account, onDone, onClose }: { account: Tenant; onDone: () => void; onClose: () => void }) {
  const [typed, setTyped] = useState('');

  async function remove() {
    if (typed.trim() !== account.name) invalid(`Type the account's name, ${account.name}, to delete it.`);
    await api(`/api/installation/accounts/${account.id}`, { method: 'DELETE' });
  }

  return (
    <FormDialog title={`Delete account ${account.name}`} submitLabel="Delete account for good" onSubmit={remove} onDone={onDone} onClose={onClose}>
      <p className="mt-0">
        This deletes the account <strong>{account.name}</strong> ({account.domain}) and everything in it: {account.peers} peers, {account.users} users, their tokens, keys,
        policies and logs. People who belong to no other account can no longer sign in. It cannot be undone.
      </p>
      <div className="field">
        <label htmlFor="delete-account-name">Type the account&apos;s name to confirm</label>
        <input id="delete-account-name" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
      </div>
    </FormDialog>
  );
}
