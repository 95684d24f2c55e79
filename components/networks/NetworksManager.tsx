'use client';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { NetworkDialog } from './NetworkDialog';
import type { NetbirdNetwork as Network } from '@/lib/dialects/netbird/networks';

export function NetworksManager({ canEdit }: { canEdit: boolean }) {
  const { data: networks, error, busy, act, reload } = useResource(() => api<Network[]>('/api/networks'));
  const [editing, setEditing] = useState<{ network?: Network } | null>(null);

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setEditing({})}>
            Add network
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
      {editing && (
        <NetworkDialog
          network={editing.network}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <TablePanel
        rows={networks}
        label="Networks"
        headers={['Network', 'Resources', 'Routing peers', 'Policies?', ...(canEdit ? ['Actions'] : [])]}
        empty={
          canEdit
            ? 'No networks yet. Add one, then add its resources (hosts, subnets, domains) and the routing peers that reach them.'
            : 'No networks yet. An admin can add them.'
        }
      >
        {networks?.map((n) => (
          <tr key={n.id} data-testid="network-row">
            <td>
              <Link href={`/app/networks/${n.id}`}>{n.name}</Link>
              {n.description && <div className="sub">{n.description}</div>}
            </td>
            <td>{n.resources.length}</td>
            <td>{n.routing_peers_count}</td>
            <td className="hide-narrow">{n.policies.length}</td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${n.name}`} onClick={() => setEditing({ network: n })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${n.name}`} confirmLabel="Confirm delete" removes={`Deletes network ${n.name} with its ${count(n.resources.length, 'resource')} and ${count(n.routers.length, 'router')}${n.policies.length ? `; ${count(n.policies.length, 'policy', 'policies')} refer to it` : ''}.`} disabled={busy} onConfirm={() => act(() => api(`/api/networks/${n.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
