'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import type { ZtMember } from '@/lib/dialects/zerotier/controller';

const NODE_ID = /^[0-9a-f]{10}$/;

/** A network's members: add one by node id, authorize or deauthorize, rename, delete. */
export function MembersPanel({ nwid, networkName, canEdit, onChanged }: { nwid: string; networkName: string; canEdit: boolean; onChanged: () => Promise<void> }) {
  const base = `/controller/network/${nwid}/member`;
  const { data, error, setError, busy, act } = useResource(async () => (await api<{ data: ZtMember[] }>(`/unstable${base}`)).data);
  const [nodeId, setNodeId] = useState('');
  const [name, setName] = useState('');
  const [authorize, setAuthorize] = useState(true);
  // Member changes alter the network's counts shown above.
  const change = async (fn: () => Promise<unknown>) => (await act(fn)) && (await onChanged(), true);

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members of {networkName}</h2>
      {canEdit && (
        <form
          className="panel row"
          aria-label="Add member"
          onSubmit={async (e) => {
            e.preventDefault();
            const id = nodeId.trim().toLowerCase();
            if (!NODE_ID.test(id)) return setError('A ZeroTier node id is 10 hexadecimal digits, e.g. 89e92ceee5 (zerotier-cli info shows it).');
            if (await change(() => api(`${base}/${id}`, { method: 'POST', body: JSON.stringify({ name: name.trim(), authorized: authorize }) }))) {
              setNodeId('');
              setName('');
            }
          }}
        >
          <div className="field">
            <label htmlFor="member-id">Node id</label>
            <input id="member-id" className="mono" value={nodeId} maxLength={10} onChange={(e) => setNodeId(e.target.value)} placeholder="10 hex digits" />
          </div>
          <div className="field">
            <label htmlFor="member-name">Member name</label>
            <input id="member-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. build server" />
          </div>
          <div className="field fit">
            <label className="check">
              <input type="checkbox" checked={authorize} onChange={(e) => setAuthorize(e.target.checked)} /> Authorize now
            </label>
          </div>
          <div className="field fit">
            <button type="submit" className="primary" disabled={busy}>
              Add member
            </button>
          </div>
        </form>
      )}
      <ErrorAlert message={error} />
      <TablePanel
        rows={data}
        headers={['Member', 'Status', 'Addresses', 'Added?', ...(canEdit ? ['Actions'] : [])]}
        empty={`No members yet. Join a device with \`zerotier-cli join ${nwid}\`, then authorize it here, or add its node id above.`}
      >
        {data?.map((m) => {
          const label = m.name || m.address;
          return (
            <tr key={m.id} data-testid="member-row">
              <td>
                {m.name || <span className="muted">unnamed</span>}
                <div className="mono muted">
                  {m.address}
                </div>
              </td>
              <td>
                <span className={`badge ${m.authorized ? 'ok' : 'warn'}`} data-testid="member-state">
                  {m.authorized ? 'authorized' : 'not authorized'}
                </span>
              </td>
              <td className="mono">{m.ipAssignments.join(', ') || '—'}</td>
              <td className="hide-narrow">{new Date(m.creationTime).toLocaleString()}</td>
              {canEdit && (
                <td>
                  <span className="row tight">
                    <button type="button" disabled={busy} aria-label={`${m.authorized ? 'Deauthorize' : 'Authorize'} ${label}`} onClick={() => change(() => api(`${base}/${m.address}`, { method: 'POST', body: JSON.stringify({ authorized: !m.authorized }) }))}>
                      {m.authorized ? 'Deauthorize' : 'Authorize'}
                    </button>
                    <ConfirmButton label="Delete" ariaLabel={`Delete member ${label}`} confirmLabel="Confirm delete" removes={`Removes member ${label} from ${networkName}${m.ipAssignments.length ? ` with its ${count(m.ipAssignments.length, 'address', 'addresses')} (${m.ipAssignments.join(', ')})` : ''}.`} disabled={busy} onConfirm={() => change(() => api(`${base}/${m.address}`, { method: 'DELETE' }))} />
                  </span>
                </td>
              )}
            </tr>
          );
        })}
      </TablePanel>
    </section>
  );
}
