'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { useResource } from '../useResource';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import type { NetbirdGroup as Group } from '@/lib/dialects/netbird/groups';
import type { NetbirdPeerListItem as Peer } from '@/lib/dialects/netbird/peers';

export function GroupsManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, setError, busy, act } = useResource(async () => {
    const [groups, peers] = await Promise.all([api<Group[]>('/api/groups'), api<Peer[]>('/api/peers')]);
    return { groups, peers };
  });
  const groups = data?.groups ?? null;
  const peers = data?.peers ?? [];
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string; peers: string[] } | null>(null);

  return (
    <>
      {canEdit && (
        <form
          className="panel row"
          aria-label="Create group"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!name.trim()) return setError('Give the group a name.');
            if (await act(() => api('/api/groups', { method: 'POST', body: JSON.stringify({ name: name.trim(), peers: [] }) }))) setName('');
          }}
        >
          <div className="field">
            <label htmlFor="group-name">New group</label>
            <input id="group-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} placeholder="e.g. servers" />
          </div>
          <div className="field fit">
            <button type="submit" className="primary" disabled={busy}>
              Create group
            </button>
          </div>
        </form>
      )}
      <ErrorAlert message={error} />
      {editing && (
        <form
          className="panel"
          aria-label={`Members of ${editing.name}`}
          onSubmit={async (e) => {
            e.preventDefault();
            if (await act(() => api(`/api/groups/${editing.id}`, { method: 'PUT', body: JSON.stringify({ name: editing.name, peers: editing.peers }) }))) setEditing(null);
          }}
        >
          <h2 className="mt-0">Members of {editing.name}</h2>
          {peers.length === 0 ? (
            <p className="empty">No peers yet. Register peers with a setup key first.</p>
          ) : (
            <div className="row gap-14">
              {peers.map((p) => (
                <label key={p.id} className="inline-check">
                  <input
                    type="checkbox"
                    className="auto-width"
                    checked={editing.peers.includes(p.id)}
                    onChange={(e) => setEditing({ ...editing, peers: e.target.checked ? [...editing.peers, p.id] : editing.peers.filter((x) => x !== p.id) })}
                  />
                  {p.name} <span className="mono muted">{p.ip}</span>
                </label>
              ))}
            </div>
          )}
          <div className="row mt-12">
            <button type="submit" className="primary" disabled={busy}>
              Save members
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <TablePanel rows={groups} headers={['Group', 'Peers', 'Resources?', ...(canEdit ? ['Actions'] : [])]}>
        {groups?.map((g) => (
          <tr key={g.id} data-testid="group-row">
            <td>{g.name}</td>
            <td>{g.peers_count}</td>
            <td className="hide-narrow">{g.resources_count}</td>
            {canEdit && (
              <td>
                {g.name === 'All' ? (
                  <span className="muted">built in: every peer</span>
                ) : (
                  <span className="row tight">
                    <button type="button" onClick={() => setEditing({ id: g.id, name: g.name, peers: g.peers.map((p) => p.id) })}>
                      Edit members
                    </button>
                    <ConfirmButton label="Delete" ariaLabel={`Delete ${g.name}`} confirmLabel="Confirm delete" removes={`Deletes group ${g.name}: ${count(g.peers_count, 'peer')} and ${count(g.resources_count, 'resource')} leave it.`} disabled={busy} onConfirm={() => act(() => api(`/api/groups/${g.id}`, { method: 'DELETE' }))} />
                  </span>
                )}
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
