'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { MembersPanel } from './MembersPanel';
import { networkBody } from './networkBody';
import { NetworkForm } from './NetworkForm';
import type { ZtNetwork } from '@/lib/dialects/zerotier/controller';
import { cidrOf, type NetworkDraft } from './types';

const NEW_NETWORK: NetworkDraft = { name: '', private: true, cidr: '' };

export function ZeroTierConsole({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [status, networks] = await Promise.all([api<{ address: string }>('/status'), api<{ data: ZtNetwork[] }>('/unstable/controller/network')]);
    return { controller: status.address, networks: networks.data };
  });
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; network: ZtNetwork } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const networks = data?.networks ?? null;
  const open = networks?.find((n) => n.id === selected) ?? null;

  async function create(d: NetworkDraft) {
    // `<controller address>______` asks the controller for a new network with a free random id.
    const n = await api<ZtNetwork>(`/controller/network/${data!.controller}______`, { method: 'POST', body: JSON.stringify(networkBody(d)) });
    setMode(null);
    setSelected(n.id);
    await reload();
  }

  async function update(n: ZtNetwork, d: NetworkDraft) {
    await api(`/controller/network/${n.id}`, { method: 'POST', body: JSON.stringify(networkBody(d, cidrOf(n))) });
    setMode(null);
    await reload();
  }

  return (
    <>
      {data && (
        <p className="lead continued">
          Controller node <span className="mono">{data.controller}</span>: every network id starts with it.
        </p>
      )}
      <div className="row spread">
        <h2>Networks</h2>
        {canEdit && !mode && data && (
          <button type="button" className="primary" onClick={() => setMode({ kind: 'create' })}>
            New network
          </button>
        )}
      </div>
      {mode?.kind === 'create' && <NetworkForm title="New network" initial={NEW_NETWORK} submitLabel="Create network" onSubmit={create} onCancel={() => setMode(null)} />}
      {mode?.kind === 'edit' && (
        <NetworkForm
          key={mode.network.id}
          title={`Edit ${mode.network.name || mode.network.id}`}
          initial={{ name: mode.network.name, private: mode.network.private, cidr: cidrOf(mode.network) }}
          submitLabel="Save network"
          onSubmit={(d) => update(mode.network, d)}
          onCancel={() => setMode(null)}
        />
      )}
      <ErrorAlert message={error} />
      <TablePanel
        rows={networks}
        headers={['Network', 'Access', 'Members', 'IPv4 range?', 'Actions']}
        empty={`No ZeroTier networks yet. ${canEdit ? 'Create one, then join devices to it with its network id.' : 'An admin can create one.'}`}
      >
        {networks?.map((n) => {
          const label = n.name || n.id;
          return (
            <tr key={n.id} data-testid="zt-network-row" aria-current={n.id === selected ? 'true' : undefined}>
              <td>
                {n.name || <span className="muted">unnamed</span>}
                <div className="mono muted">
                  {n.id}
                </div>
              </td>
              <td>
                <span className={`badge ${n.private ? 'ok' : 'warn'}`}>{n.private ? 'private' : 'public'}</span>
              </td>
              <td data-testid="zt-member-count">
                {n.authorizedMemberCount ?? 0} / {n.totalMemberCount ?? 0} authorized
              </td>
              <td className="hide-narrow mono">{cidrOf(n) || '—'}</td>
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Members of ${label}`} aria-pressed={n.id === selected} onClick={() => setSelected(n.id === selected ? null : n.id)}>
                    Members
                  </button>
                  {canEdit && (
                    <>
                      <button type="button" aria-label={`Edit ${label}`} onClick={() => setMode({ kind: 'edit', network: n })}>
                        Edit
                      </button>
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete ${label}`}
                        confirmLabel="Confirm delete"
                        removes={`Deletes ZeroTier network ${label} and its ${count(n.totalMemberCount ?? 0, 'member')}; devices joined to it lose their addresses on it.`}
                        disabled={busy}
                        onConfirm={() => act(() => api(`/controller/network/${n.id}`, { method: 'DELETE' }).then(() => selected === n.id && setSelected(null)))}
                      />
                    </>
                  )}
                </span>
              </td>
            </tr>
          );
        })}
      </TablePanel>
      {open && <MembersPanel key={open.id} nwid={open.id} networkName={open.name || open.id} canEdit={canEdit} onChanged={reload} />}
    </>
  );
}
