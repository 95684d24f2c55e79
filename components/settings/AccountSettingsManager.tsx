'use client';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';
import { Switch } from '../forms/Switch';
import { useResource } from '../useResource';
import { draftOf, settingsFrom, settingsProblem } from './settingsDraft';
import type { NetbirdAccount as AccountView } from '@/lib/dialects/netbird/accounts';
import type { SettingsDraft } from './types';

export function AccountSettingsManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, reload } = useResource(async () => (await api<AccountView[]>('/api/accounts'))[0]);
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="empty">Loading…</p>;
  // Remounted after every save so the form starts from what the server stored.
  return <AccountSettingsForm key={JSON.stringify(data.settings)} account={data} canEdit={canEdit} onSaved={reload} />;
}

function AccountSettingsForm({ account, canEdit, onSaved }: { account: AccountView; canEdit: boolean; onSaved: () => Promise<void> }) {
  const initial = draftOf(account.settings);
  const [d, setD] = useState<SettingsDraft>(initial);
  const { error, setError, busy, run } = usePending();
  const [confirmRange, setConfirmRange] = useState(false);
  const set = (patch: Partial<SettingsDraft>) => (setD({ ...d, ...patch }), setConfirmRange(false));
  const dirty = JSON.stringify(d) !== JSON.stringify(initial);
  const rangeChanged = d.networkRange.trim() !== initial.networkRange;

  async function save() {
    const saved = await run(async () => {
      await api(`/api/accounts/${account.id}`, { method: 'PUT', body: JSON.stringify({ settings: settingsFrom(account.settings, d) }) });
      await onSaved();
    });
    if (!saved) setConfirmRange(false);
  }

  const off = !canEdit;
  return (
    <form
      className="panel"
      aria-label="Account settings"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = settingsProblem(d);
        setError(problem);
        if (problem) return;
        // A new range gives every peer a new address: ask once more.
        if (rangeChanged && !confirmRange) return setConfirmRange(true);
        await save();
      }}
    >
      <p className="mt-0 muted">
        Account <span className="mono">{account.id}</span>
        {account.domain ? ` · ${account.domain}` : ''} · created {new Date(account.created_at).toLocaleDateString()}
      </p>
      <h2 className="mt-0">Peers</h2>
      <div className="row top">
        <div className="column">
          <Switch label="Peer login expiration" hint="Peers added by users must log in again after this time." checked={d.loginExpiry} disabled={off} onChange={(loginExpiry) => set({ loginExpiry })} />
          <div className="field">
            <label htmlFor="login-hours">Login expires after (hours)</label>
            <input id="login-hours" type="number" min={1} max={4320} value={d.loginExpiryHours} disabled={off || !d.loginExpiry} onChange={(e) => set({ loginExpiryHours: Number(e.target.value) })} />
          </div>
        </div>
        <div className="column">
          <Switch label="Peer inactivity expiration" hint="Log out peers that have been disconnected this long." checked={d.inactivityExpiry} disabled={off} onChange={(inactivityExpiry) => set({ inactivityExpiry })} />
          <div className="field">
            <label htmlFor="inactivity-minutes">Inactive peers expire after (minutes)</label>
            <input id="inactivity-minutes" type="number" min={10} max={259200} value={d.inactivityExpiryMinutes} disabled={off || !d.inactivityExpiry} onChange={(e) => set({ inactivityExpiryMinutes: Number(e.target.value) })} />
          </div>
        </div>
      </div>
      <Switch label="Peer approval" hint="New peers wait until an admin approves them." checked={d.peerApproval} disabled={off} onChange={(peerApproval) => set({ peerApproval })} />
      <Switch label="Lazy connections" hint="Peers connect to each other only when traffic needs it." checked={d.lazyConnection} disabled={off} onChange={(lazyConnection) => set({ lazyConnection })} />
      <h2>Users</h2>
      <Switch label="User approval" hint="New users who sign in wait until an admin approves them." checked={d.userApproval} disabled={off} onChange={(userApproval) => set({ userApproval })} />
      <Switch label="Restrict regular users" hint="Regular users see only their own peers." checked={d.regularUsersViewBlocked} disabled={off} onChange={(regularUsersViewBlocked) => set({ regularUsersViewBlocked })} />
      <Switch label="Group propagation" hint="Users' groups are added to the peers they add." checked={d.groupsPropagation} disabled={off} onChange={(groupsPropagation) => set({ groupsPropagation })} />
      <h2>Network and DNS</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="network-range">Network range (IPv4)</label>
          <input id="network-range" className="mono" value={d.networkRange} disabled={off} onChange={(e) => set({ networkRange: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="dns-domain">DNS domain</label>
          <input id="dns-domain" className="mono" value={d.dnsDomain} disabled={off} onChange={(e) => set({ dnsDomain: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="auto-update">Client auto-update</label>
          <input id="auto-update" className="mono" value={d.autoUpdateVersion} disabled={off} onChange={(e) => set({ autoUpdateVersion: e.target.value })} placeholder="latest, disabled or 0.50.1" />
        </div>
      </div>
      <Switch label="DNS resolution on routing peers" hint="Routing peers resolve DNS names of the routes they serve." checked={d.routingPeerDns} disabled={off} onChange={(routingPeerDns) => set({ routingPeerDns })} />
      <ErrorAlert message={error} />
      {confirmRange && (
        <div className="notice warning" role="alert">
          Changing the network range to <span className="mono">{d.networkRange.trim()}</span> gives every peer a new address. Their connections drop until they sync.
          <div className="row mt-8">
            <button type="button" className="danger" disabled={busy} onClick={save}>
              Confirm new range
            </button>
            <button type="button" onClick={() => setConfirmRange(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {canEdit && (
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !dirty || confirmRange}>
            Save settings
          </button>
          <button type="button" disabled={busy || !dirty} onClick={() => (setD(initial), setError(null), setConfirmRange(false))}>
            Discard changes
          </button>
        </div>
      )}
    </form>
  );
}
