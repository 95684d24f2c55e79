'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { useResource } from '../useResource';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import type { NetbirdUser as User } from '@/lib/dialects/netbird/users';

const ROLES = ['owner', 'admin', 'user', 'auditor'];

/** What deleting a user removes: the user and every peer they own (lib/domain/users/removal.ts). */
async function userRemoval(u: User): Promise<string> {
  const { total } = await api<{ total: number }>(`/api/console/peers?user=${encodeURIComponent(u.id)}&limit=1`);
  const who = u.email && u.email !== u.name ? `${u.name} (${u.email})` : u.name;
  return `Deletes user ${who}${total ? ` and their ${count(total, 'peer')}, which are deleted with them` : ''}.`;
}

export function UsersManager({ canEdit }: { canEdit: boolean }) {
  const { data: users, error, setError, busy, act } = useResource(() => api<User[]>('/api/users'));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('user');
  const [service, setService] = useState(false);

  const update = (u: User, patch: Partial<Pick<User, 'role' | 'is_blocked'>>) =>
    act(() => api(`/api/users/${u.id}`, { method: 'PUT', body: JSON.stringify({ role: patch.role ?? u.role, auto_groups: u.auto_groups, is_blocked: patch.is_blocked ?? u.is_blocked }) }));

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    if (service ? !name.trim() : !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      return setError(service ? 'Give the service user a name.' : 'Enter a valid email address.');
    }
    const ok = await act(() =>
      api('/api/users', {
        method: 'POST',
        body: JSON.stringify({ ...(service ? {} : { email: email.trim() }), name: name.trim() || email.trim(), role, auto_groups: [], is_service_user: service }),
      }),
    );
    if (ok) {
      setEmail('');
      setName('');
    }
  }

  return (
    <>
      {canEdit && (
        <form className="panel" onSubmit={invite} aria-label="Add user">
          <div className="row">
            <div className="field fit">
              <label htmlFor="user-kind">Kind</label>
              <select id="user-kind" value={service ? 'service' : 'person'} onChange={(e) => setService(e.target.value === 'service')}>
                <option value="person">Invite a person</option>
                <option value="service">Service user (for API tokens)</option>
              </select>
            </div>
            {!service && (
              <div className="field">
                <label htmlFor="user-email">Email</label>
                <input id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
              </div>
            )}
            <div className="field">
              <label htmlFor="user-name">Name</label>
              <input id="user-name" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field basis-140">
              <label htmlFor="user-role">Role</label>
              <select id="user-role" value={role} onChange={(e) => setRole(e.target.value)}>
                {ROLES.filter((r) => r !== 'owner').map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </div>
            <div className="field fit">
              <button type="submit" className="primary" disabled={busy}>
                {service ? 'Create service user' : 'Invite'}
              </button>
            </div>
          </div>
        </form>
      )}
      <ErrorAlert message={error} />
      <TablePanel rows={users} headers={['User', 'Role', 'Status', 'Last sign-in?', ...(canEdit ? ['Actions'] : [])]}>
        {users?.map((u) => (
          <tr key={u.id} data-testid="user-row">
            <td>
              {u.name}
              <div className="muted small">{u.is_service_user ? 'service user' : u.email}</div>
            </td>
            <td>
              {canEdit && !u.is_current && u.role !== 'owner' ? (
                <select aria-label={`Role of ${u.name}`} value={u.role} disabled={busy} onChange={(e) => update(u, { role: e.target.value })}>
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              ) : (
                u.role
              )}
            </td>
            <td>
              <span className={`badge ${u.status === 'active' ? 'ok' : u.status === 'blocked' ? 'bad' : ''}`} data-testid="user-status">
                {u.pending_approval ? 'pending approval' : u.status}
              </span>
            </td>
            <td className="hide-narrow">{u.last_login ? new Date(u.last_login).toLocaleString() : '—'}</td>
            {canEdit && (
              <td>
                {!u.is_current && u.role !== 'owner' && (
                  <span className="row tight">
                    {u.pending_approval ? (
                      <>
                        <button type="button" disabled={busy} onClick={() => act(() => api(`/api/users/${u.id}/approve`, { method: 'POST' }))}>
                          Approve
                        </button>
                        <ConfirmButton label="Reject" confirmLabel="Confirm reject" removes={`Removes ${u.name} (${u.email}), who asked to join: they cannot sign in.`} disabled={busy} onConfirm={() => act(() => api(`/api/users/${u.id}/reject`, { method: 'DELETE' }))} />
                      </>
                    ) : (
                      <button type="button" disabled={busy} onClick={() => update(u, { is_blocked: !u.is_blocked })}>
                        {u.is_blocked ? 'Unblock' : 'Block'}
                      </button>
                    )}
                    <ConfirmButton label="Delete" ariaLabel={`Delete ${u.name}`} confirmLabel="Confirm delete" removes={() => userRemoval(u)} disabled={busy} onConfirm={() => act(() => api(`/api/users/${u.id}`, { method: 'DELETE' }))} />
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
