'use client';
import { useId, useState } from 'react';
import { api } from '../api';
import { FormDialog, invalid } from '../forms/FormDialog';
import { useGroupOptions } from '../forms/GroupPicker';
import { metricOf } from '../forms/metric';
import { RoutingPeersField, routingPeersBody, routingPeersFrom, routingPeersProblem } from '../forms/RoutingPeersField';
import { Switch } from '../forms/Switch';
import type { GroupOption, PeerOption } from '../forms/types';
import type { NetbirdNetworkRouter as NetworkRouter } from '@/lib/dialects/netbird/networks';

/** Adds a routing peer (or peer groups) to the network, or edits one. */
export function RouterDialog(props: { networkId: string; router?: NetworkRouter; groups: GroupOption[]; peers: PeerOption[]; onDone: () => void; onClose: () => void }) {
  const id = useId();
  const r = props.router;
  const [routing, setRouting] = useState(r ? routingPeersFrom(r) : { mode: 'peer' as const, peer: '', peerGroups: [] });
  const [metric, setMetric] = useState(String(r?.metric ?? 9999));
  const [masquerade, setMasquerade] = useState(r?.masquerade ?? true);
  const [enabled, setEnabled] = useState(r?.enabled ?? true);
  const { groups, added } = useGroupOptions(props.groups);
  const base = `/api/networks/${props.networkId}/routers`;

  return (
    <FormDialog
      title={r ? 'Edit router' : 'Add router'}
      submitLabel={r ? 'Save router' : 'Create router'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        const problem = routingPeersProblem(routing);
        if (problem) invalid(problem);
        const body = JSON.stringify({ ...routingPeersBody(routing), metric: metricOf(metric), masquerade, enabled });
        return r ? api(`${base}/${r.id}`, { method: 'PUT', body }) : api(base, { method: 'POST', body });
      }}
    >
      <RoutingPeersField value={routing} onChange={setRouting} peers={props.peers} groups={groups} onGroupCreated={added} />
      <div className="row middle">
        <div className="field basis-160">
          <label htmlFor={`${id}-metric`}>Metric (1–9999, lower wins)</label>
          <input id={`${id}-metric`} type="number" min={1} max={9999} value={metric} onChange={(e) => setMetric(e.target.value)} />
        </div>
        <Switch label="Masquerade" checked={masquerade} onChange={setMasquerade} />
        <Switch label="Router enabled" checked={enabled} onChange={setEnabled} />
      </div>
    </FormDialog>
  );
}
