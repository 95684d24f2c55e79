'use client';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { routingPeersBody, routingPeersFrom, routingPeersLabel } from '../forms/RoutingPeersField';
import { Switch } from '../forms/Switch';
import type { GroupOption, PeerOption } from '../forms/types';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { ResourceDialog } from './ResourceDialog';
import { RouterDialog } from './RouterDialog';
import type { NetbirdNetwork as Network, NetbirdNetworkResource as NetworkResource, NetbirdNetworkRouter as NetworkRouter } from '@/lib/dialects/netbird/networks';

type Editing = { kind: 'resource'; resource?: NetworkResource } | { kind: 'router'; router?: NetworkRouter } | null;

/** One network: its resources and its routers. */
export function NetworkDetail({ networkId, canEdit }: { networkId: string; canEdit: boolean }) {
  const base = `/api/networks/${encodeURIComponent(networkId)}`;
  const { data, error, busy, act, reload } = useResource(async () => {
    const [network, resources, routers, groups, peers] = await Promise.all([
      api<Network>(base),
      api<NetworkResource[]>(`${base}/resources`),
      api<NetworkRouter[]>(`${base}/routers`),
      api<GroupOption[]>('/api/groups'),
      api<PeerOption[]>('/api/peers'),
    ]);
    return { network, resources, routers, groups, peers };
  });
  const [editing, setEditing] = useState<Editing>(null);
  const done = () => {
    setEditing(null);
    reload();
  };
  const groups = data?.groups ?? [];
  const peers = data?.peers ?? [];

  const setResourceEnabled = (r: NetworkResource, enabled: boolean) =>
    act(() => api(`${base}/resources/${r.id}`, { method: 'PUT', body: JSON.stringify({ name: r.name, description: r.description, address: r.address, enabled, groups: r.groups.map((g) => g.id) }) }));
  const setRouterEnabled = (r: NetworkRouter, enabled: boolean) =>
    act(() => api(`${base}/routers/${r.id}`, { method: 'PUT', body: JSON.stringify({ ...routingPeersBody(routingPeersFrom(r)), metric: r.metric, masquerade: r.masquerade, enabled }) }));

  return (
    <>
      <p className="m-0 mb-8">
        <Link href="/app/networks">← All networks</Link>
      </p>
      <h1>{data ? `Network ${data.network.name}` : 'Network'}</h1>
      <p className="lead">{data?.network.description || 'Resources are the hosts, subnets and domains of this network; routers are the peers that reach them. Policies give access to resources through their groups.'}</p>
      <ErrorAlert message={error} />
      {data && editing?.kind === 'resource' && <ResourceDialog networkId={networkId} resource={editing.resource} groups={groups} onClose={() => setEditing(null)} onDone={done} />}
      {data && editing?.kind === 'router' && <RouterDialog networkId={networkId} router={editing.router} groups={groups} peers={peers} onClose={() => setEditing(null)} onDone={done} />}

      <div className="row spread">
        <h2>Resources</h2>
        {canEdit && data && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'resource' })}>
            Add resource
          </button>
        )}
      </div>
      <TablePanel
        rows={data?.resources ?? (error ? [] : null)}
        label="Resources"
        headers={['Resource', 'Address', 'Groups?', 'Enabled', ...(canEdit ? ['Actions'] : [])]}
        empty="No resources yet. Add the hosts, subnets or domains this network should make reachable."
      >
        {data?.resources.map((r) => (
          <tr key={r.id} data-testid="resource-row">
            <td>
              {r.name}
              {r.description && <div className="sub">{r.description}</div>}
            </td>
            <td>
              <span className="mono">{r.address}</span>
              <div className="sub">{r.type}</div>
            </td>
            <td className="hide-narrow">{r.groups.map((g) => g.name).join(', ') || '—'}</td>
            <td>{canEdit ? <Switch label={r.enabled ? 'On' : 'Off'} ariaLabel={`${r.name} enabled`} checked={r.enabled} disabled={busy} onChange={(on) => setResourceEnabled(r, on)} /> : r.enabled ? 'on' : 'off'}</td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${r.name}`} onClick={() => setEditing({ kind: 'resource', resource: r })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${r.name}`} confirmLabel="Confirm delete" removes={`Deletes resource ${r.name} (${r.address}) from this network and from its ${count(r.groups.length, 'group')}.`} disabled={busy} onConfirm={() => act(() => api(`${base}/resources/${r.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>

      <div className="row spread">
        <h2>Routers</h2>
        {canEdit && data && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'router' })}>
            Add router
          </button>
        )}
      </div>
      <TablePanel
        rows={data?.routers ?? (error ? [] : null)}
        label="Routers"
        headers={['Routing peers', 'Metric', 'Masquerade?', 'Enabled', ...(canEdit ? ['Actions'] : [])]}
        empty="No routers yet. Add a routing peer (or peer groups) inside this network, or its resources stay unreachable."
      >
        {data?.routers.map((r) => {
          const label = routingPeersLabel(r, peers, groups);
          return (
            <tr key={r.id} data-testid="router-row">
              <td>{label}</td>
              <td>{r.metric}</td>
              <td className="hide-narrow">{r.masquerade ? 'yes' : 'no'}</td>
              <td>{canEdit ? <Switch label={r.enabled ? 'On' : 'Off'} ariaLabel={`Router ${label} enabled`} checked={r.enabled} disabled={busy} onChange={(on) => setRouterEnabled(r, on)} /> : r.enabled ? 'on' : 'off'}</td>
              {canEdit && (
                <td>
                  <span className="row tight">
                    <button type="button" aria-label={`Edit router ${label}`} onClick={() => setEditing({ kind: 'router', router: r })}>
                      Edit
                    </button>
                    <ConfirmButton label="Delete" ariaLabel={`Delete router ${label}`} confirmLabel="Confirm delete" removes={`Deletes router ${label}: its peers stop routing to this network's resources.`} disabled={busy} onConfirm={() => act(() => api(`${base}/routers/${r.id}`, { method: 'DELETE' }))} />
                  </span>
                </td>
              )}
            </tr>
          );
        })}
      </TablePanel>
    </>
  );
}
