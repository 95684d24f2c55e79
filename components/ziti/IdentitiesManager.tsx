'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { CreateIdentityForm } from './CreateIdentityForm';
import { EnrollmentSecret } from './EnrollmentSecret';
import type { ZitiEnrollmentView as ZitiEnrollment, ZitiIdentityView as ZitiIdentity } from '@/lib/dialects/console/ziti-identities';

function credentials(i: ZitiIdentity): string {
  const parts = i.authenticators.map((a) => (a.method === 'updb' ? `password (${a.username})` : 'certificate'));
  return parts.length ? parts.join(', ') : 'not enrolled';
}

export function IdentitiesManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(() => api<ZitiIdentity[]>('/api/console/ziti/identities'));
  const [reissued, setReissued] = useState<{ name: string; enrollment: ZitiEnrollment } | null>(null);

  // A new certificate enrollment (also for password identities: an identity may hold both).
  const reissue = (i: ZitiIdentity) =>
    act(async () => {
      setReissued({ name: i.name, enrollment: await api<ZitiEnrollment>(`/api/console/ziti/identities/${i.id}/enrollments`, { method: 'POST', body: JSON.stringify({ enrollment_method: 'ott' }) }) });
    });

  return (
    <>
      {canEdit && <CreateIdentityForm onCreated={reload} />}
      <ErrorAlert message={error} />
      {reissued && <EnrollmentSecret name={reissued.name} enrollment={reissued.enrollment} onDone={() => setReissued(null)} />}
      <TablePanel
        rows={data}
        headers={['Name', 'Type', 'Role attributes', 'Credentials', 'MFA?', 'Sessions?', ...(canEdit ? ['Actions'] : [])]}
        empty={`No Ziti identities yet. ${canEdit ? 'Create one above and hand its enrollment token to the device or person.' : 'An admin can create them.'}`}
      >
        {data?.map((i) => (
          <tr key={i.id} data-testid="identity-row">
            <td>
              {i.name}
              {i.pending_enrollments.length > 0 && (
                <div className="muted">enrollment open until {new Date(i.pending_enrollments[0].expires_at).toLocaleString()}</div>
              )}
            </td>
            <td>{i.type}</td>
            <td>{i.role_attributes.length ? i.role_attributes.map((a) => `#${a}`).join(', ') : '—'}</td>
            <td data-testid="identity-credentials">{credentials(i)}</td>
            <td className="hide-narrow">{i.mfa_enabled ? 'on' : 'off'}</td>
            <td className="hide-narrow">{i.api_sessions}</td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" disabled={busy} aria-label={`New enrollment token for ${i.name}`} onClick={() => reissue(i)}>
                    New token
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${i.name}`} confirmLabel="Confirm delete" removes={`Deletes identity ${i.name} with its credentials and ${count(i.api_sessions, 'API session')}.`} disabled={busy} onConfirm={() => act(() => api(`/api/console/ziti/identities/${i.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
