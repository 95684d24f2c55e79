'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { routingPeersLabel } from '../forms/RoutingPeersField';
import { Switch } from '../forms/Switch';
import { groupNames, type GroupOption, type PeerOption } from '../forms/types';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { RouteDialog } from './RouteDialog';
import type { NetbirdRoute as Route } from '@/lib/dialects/netbird/routes';
import { formOfRoute, newRouteForm, routeBody, type RouteForm } from './route-form';

export function RoutesManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [routes, groups, peers] = await Promise.all([api<Route[]>('/api/routes'), api<GroupOption[]>('/api/groups'), api<PeerOption[]>('/api/peers')]);
    return { routes, groups, peers };
  });
  const [editing, setEditing] = useState<{ id?: string; form: RouteForm } | null>(null);
  const groups = data?.groups ?? [];
  const peers = data?.peers ?? [];

  const setEnabled = (r: Route, enabled: boolean) => act(() => api(`/api/routes/${r.id}`, { method: 'PUT', body: JSON.stringify(routeBody({ ...formOfRoute(r), enabled })) }));

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setEditing({ form: newRouteForm() })}>
            Add route
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
      {editing && data && (
        <RouteDialog
          routeId={editing.id}
          initial={editing.form}
          groups={groups}
          peers={peers}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <TablePanel
        rows={data?.routes ?? null}
        label="Routes"
        headers={['Route', 'Destination', 'Routing peers', 'Distribution groups?', 'Metric?', 'Enabled', ...(canEdit ? ['Actions'] : [])]}
        empty={
          canEdit
            ? 'No routes yet. Add one to let peers reach a network (or domains) behind a routing peer.'
            : 'No routes yet. An admin can add them.'
        }
      >
        {data?.routes.map((r) => (
          <tr key={r.id} data-testid="route-row">
            <td>
              {r.network_id}
              {r.description && <div className="sub">{r.description}</div>}
            </td>
            <td className="mono">{'domains' in r ? r.domains.join(', ') : r.network}</td>
            <td>{routingPeersLabel(r, peers, groups)}</td>
            <td className="hide-narrow">{groupNames(groups, r.groups)}</td>
            <td className="hide-narrow">
              {r.metric}
              {r.masquerade && <div className="sub">masquerade</div>}
            </td>
            <td>
              {canEdit ? (
                <Switch label={r.enabled ? 'On' : 'Off'} ariaLabel={`${r.network_id} enabled`} checked={r.enabled} disabled={busy} onChange={(on) => setEnabled(r, on)} />
              ) : r.enabled ? (
                'on'
              ) : (
                'off'
              )}
            </td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${r.network_id}`} onClick={() => setEditing({ id: r.id, form: formOfRoute(r) })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${r.network_id}`} confirmLabel="Confirm delete" removes={`Deletes route ${r.network_id} (${'domains' in r ? r.domains.join(', ') : r.network}): peers of its ${count(r.groups.length, 'distribution group')} stop receiving it.`} disabled={busy} onConfirm={() => act(() => api(`/api/routes/${r.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
