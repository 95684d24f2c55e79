'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { CreateAccountForm } from './CreateAccountForm';
import { DeleteAccountDialog, EditAccountDialog } from './EditAccountDialog';
import { OperatorsPanel } from './OperatorsPanel';
import type { Tenant } from './types';

/** The operators' view of every account, then the operators themselves. */
export function AccountsManager({ me }: { me: string }) {
  const router = useRouter();
  const { data: accounts, error, busy, act, reload } = useResource(() => api<Tenant[]>('/api/installation/accounts'));
  const [editing, setEditing] = useState<Tenant | null>(null);
  const [deleting, setDeleting] = useState<Tenant | null>(null);
  // The account switcher (rendered by the server) lists names and memberships that may have changed.
  const changed = () => {
    reload();
    router.refresh();
  };
  const setStatus = async (a: Tenant, status: 'active' | 'suspended') => {
    if (await act(() => api(`/api/installation/accounts/${a.id}`, { method: 'PUT', body: JSON.stringify({ status }) }))) router.refresh();
  };

  return (
    <>
      <CreateAccountForm onCreated={changed} />
      <ErrorAlert message={error} />
      {editing && <EditAccountDialog account={editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), changed())} />}
      {deleting && <DeleteAccountDialog account={deleting} onClose={() => setDeleting(null)} onDone={() => (setDeleting(null), changed())} />}
      <TablePanel rows={accounts} label="Accounts" headers={['Account', 'Status', 'Peers', 'Users', 'Owners', 'API limit?', 'Actions']}>
        {accounts?.map((a) => (
          <tr key={a.id} data-testid="account-row">
            <td>
              {a.name}
              {a.installation && <span className="badge ml-6">installation</span>}
              <div className="muted small">{a.domain}</div>
            </td>
            <td>
              <span className={`badge ${a.status === 'active' ? 'ok' : 'bad'}`} data-testid="account-status">
                {a.status}
              </span>
            </td>
            <td>
              {a.peers}
              <div className="muted small">{a.peer_quota === null ? 'no limit' : `limit ${a.peer_quota.toLocaleString()}`}</div>
            </td>
            <td>{a.users}</td>
            <td className="break-anywhere">{a.owners.join(', ') || '—'}</td>
            <td className="hide-narrow">{a.api_requests_per_minute === null ? 'no limit' : `${a.api_requests_per_minute.toLocaleString()}/min`}</td>
            <td>
              <span className="row tight">
                <button type="button" disabled={busy} aria-label={`Edit ${a.name}`} onClick={() => setEditing(a)}>
                  Edit
                </button>
                {a.installation ? (
                  <span className="muted small">the installation&apos;s own account</span>
                ) : (
                  <>
                    {a.status === 'active' ? (
                      <ConfirmButton label="Suspend" ariaLabel={`Suspend ${a.name}`} confirmLabel="Confirm suspend" removes={`Suspends ${a.name}: its people cannot sign in and its APIs refuse requests until it is resumed. Nothing is deleted.`} disabled={busy} onConfirm={() => setStatus(a, 'suspended')} />
                    ) : (
                      <button type="button" disabled={busy} aria-label={`Resume ${a.name}`} onClick={() => setStatus(a, 'active')}>
                        Resume
                      </button>
                    )}
                    <button type="button" className="danger" disabled={busy} aria-label={`Delete ${a.name}`} onClick={() => setDeleting(a)}>
                      Delete
                    </button>
                  </>
                )}
              </span>
            </td>
          </tr>
        ))}
      </TablePanel>
      <p className="hint">
        A suspended account keeps its data, but its people cannot sign in to it, its API tokens are refused and its peers get no network map until it is resumed.
      </p>
      <OperatorsPanel me={me} />
    </>
  );
}
