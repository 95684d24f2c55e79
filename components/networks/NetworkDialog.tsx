'use client';
import { useState } from 'react';
import { api } from '../api';
import { FormDialog, invalid } from '../forms/FormDialog';
import type { NetbirdNetwork as Network } from '@/lib/dialects/netbird/networks';

export function NetworkDialog(props: { network?: Network; onDone: () => void; onClose: () => void }) {
  const [name, setName] = useState(props.network?.name ?? '');
  const [description, setDescription] = useState(props.network?.description ?? '');
  const n = props.network;
  return (
    <FormDialog
      title={n ? `Edit network ${n.name}` : 'Add network'}
      submitLabel={n ? 'Save network' : 'Create network'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        if (!name.trim()) invalid('Give the network a name.');
        const body = JSON.stringify({ name: name.trim(), description: description.trim() });
        return n ? api(`/api/networks/${n.id}`, { method: 'PUT', body }) : api('/api/networks', { method: 'POST', body });
      }}
    >
      <div className="field">
        <label htmlFor="network-name">Name</label>
        <input id="network-name" value={name} maxLength={255} placeholder="e.g. office" onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="network-description">Description</label>
        <input id="network-description" value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} />
      </div>
    </FormDialog>
  );
}
