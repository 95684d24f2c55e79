'use client';
import { useId, useState } from 'react';
import { api } from '../api';
import { FormDialog } from '../forms/FormDialog';
import { GroupPicker, useGroupOptions } from '../forms/GroupPicker';
import { RoutingPeersField } from '../forms/RoutingPeersField';
import { Switch } from '../forms/Switch';
import type { GroupOption, PeerOption } from '../forms/types';
import { routeBody, type RouteForm } from './route-form';

export function RouteDialog(props: { routeId?: string; initial: RouteForm; groups: GroupOption[]; peers: PeerOption[]; onDone: () => void; onClose: () => void }) {
  const id = useId();
  const [f, setF] = useState(props.initial);
  const { groups, added } = useGroupOptions(props.groups);
  const set = (patch: Partial<RouteForm>) => setF((cur) => ({ ...cur, ...patch }));
  const editing = Boolean(props.routeId);

  return (
    <FormDialog
      title={editing ? `Edit route ${props.initial.networkId}` : 'Add route'}
      submitLabel={editing ? 'Save route' : 'Create route'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        const body = JSON.stringify(routeBody(f));
        return editing ? api(`/api/routes/${props.routeId}`, { method: 'PUT', body }) : api('/api/routes', { method: 'POST', body });
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-nid`}>Network identifier</label>
          <input id={`${id}-nid`} value={f.networkId} maxLength={40} placeholder="e.g. office-lan" onChange={(e) => set({ networkId: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <input id={`${id}-description`} value={f.description} maxLength={1000} onChange={(e) => set({ description: e.target.value })} />
        </div>
      </div>
      <fieldset className="group">
        <legend>Destination</legend>
        <div className="row roomy middle">
          <label className="check">
            <input type="radio" name={`${id}-kind`} checked={f.kind === 'network'} onChange={() => set({ kind: 'network' })} /> Network range
          </label>
          <label className="check">
            <input type="radio" name={`${id}-kind`} checked={f.kind === 'domains'} onChange={() => set({ kind: 'domains' })} /> Domains
          </label>
        </div>
        {f.kind === 'network' ? (
          <div className="field mt-8">
            <label htmlFor={`${id}-network`}>Network (CIDR)</label>
            <input id={`${id}-network`} className="mono" value={f.network} placeholder="10.0.0.0/16" onChange={(e) => set({ network: e.target.value })} />
          </div>
        ) : (
          <>
            <div className="field mt-8">
              <label htmlFor={`${id}-domains`}>Domains (one per line, *.example.com allowed)</label>
              <textarea id={`${id}-domains`} rows={3} className="mono" value={f.domains} onChange={(e) => set({ domains: e.target.value })} />
            </div>
            <Switch label="Keep routes when the domains' addresses change" checked={f.keepRoute} onChange={(keepRoute) => set({ keepRoute })} />
          </>
        )}
      </fieldset>
      <RoutingPeersField value={f.routing} onChange={(routing) => set({ routing })} peers={props.peers} groups={groups} onGroupCreated={added} />
      <GroupPicker legend="Distribution groups" hint="Peers of these groups receive the route." groups={groups} value={f.groups} onChange={(g) => set({ groups: g })} onCreated={added} />
      <GroupPicker
        legend="Access control groups (optional)"
        hint="When set, policies whose destinations are these groups decide who may use the route."
        groups={groups}
        value={f.accessControlGroups}
        onChange={(accessControlGroups) => set({ accessControlGroups })}
        onCreated={added}
      />
      <div className="row middle">
        <div className="field basis-160">
          <label htmlFor={`${id}-metric`}>Metric (1–9999, lower wins)</label>
          <input id={`${id}-metric`} type="number" min={1} max={9999} value={f.metric} onChange={(e) => set({ metric: e.target.value })} />
        </div>
        <Switch label="Masquerade" checked={f.masquerade} onChange={(masquerade) => set({ masquerade })} />
        <Switch label="Route enabled" checked={f.enabled} onChange={(enabled) => set({ enabled })} />
      </div>
    </FormDialog>
  );
}
