'use client';
import { useId, useState } from 'react';
import { api } from '../api';
import { FormDialog, invalid } from '../forms/FormDialog';
import { GroupPicker, useGroupOptions } from '../forms/GroupPicker';
import { Switch } from '../forms/Switch';
import type { GroupOption } from '../forms/types';
import type { NetbirdNetworkResource as NetworkResource } from '@/lib/dialects/netbird/networks';

/** Adds a resource to the network, or edits one; its type (host, subnet, domain) follows from the address. */
export function ResourceDialog(props: { networkId: string; resource?: NetworkResource; groups: GroupOption[]; onDone: () => void; onClose: () => void }) {
  const id = useId();
  const r = props.resource;
  const [name, setName] = useState(r?.name ?? '');
  const [description, setDescription] = useState(r?.description ?? '');
  const [address, setAddress] = useState(r?.address ?? '');
  const [enabled, setEnabled] = useState(r?.enabled ?? true);
  const [groupIds, setGroupIds] = useState(r?.groups.map((g) => g.id) ?? []);
  const { groups, added } = useGroupOptions(props.groups);
  const base = `/api/networks/${props.networkId}/resources`;

  return (
    <FormDialog
      title={r ? `Edit resource ${r.name}` : 'Add resource'}
      submitLabel={r ? 'Save resource' : 'Create resource'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        if (!name.trim()) invalid('Give the resource a name.');
        if (!address.trim()) invalid('Enter the address: an IP, a CIDR range or a domain.');
        const body = JSON.stringify({ name: name.trim(), description: description.trim(), address: address.trim(), enabled, groups: groupIds });
        return r ? api(`${base}/${r.id}`, { method: 'PUT', body }) : api(base, { method: 'POST', body });
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Resource name</label>
          <input id={`${id}-name`} value={name} maxLength={255} placeholder="e.g. file server" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-address`}>Address</label>
          <input id={`${id}-address`} className="mono" value={address} placeholder="10.0.0.5, 10.0.0.0/24 or *.corp.example" onChange={(e) => setAddress(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Resource description</label>
        <input id={`${id}-description`} value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <GroupPicker legend="Resource groups" hint="Policies reach the resource through these groups." groups={groups} value={groupIds} onChange={setGroupIds} onCreated={added} />
      <Switch label="Resource enabled" checked={enabled} onChange={setEnabled} />
    </FormDialog>
  );
}
