'use client';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import type { ZitiApiSessionView as ZitiApiSession, ZitiServiceSessionView as ZitiServiceSession } from '@/lib/dialects/console/ziti-sessions';

const when = (iso: string) => new Date(iso).toLocaleString();

const MFA: Record<ZitiApiSession['mfa'], React.ReactNode> = {
  not_required: <span className="muted">not enrolled</span>,
  pending: <span className="badge warn">waiting for code</span>,
  passed: <span className="badge ok">passed</span>,
};

/** The account's Ziti API sessions and service sessions; admins revoke them (after confirming). */
export function SessionsManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act } = useResource(async () => {
    const [apiSessions, sessions] = await Promise.all([api<ZitiApiSession[]>('/api/console/ziti/api-sessions'), api<ZitiServiceSession[]>('/api/console/ziti/sessions')]);
    return { apiSessions, sessions };
  });
  const revoke = (kind: 'api-sessions' | 'sessions', id: string) => act(() => api(`/api/console/ziti/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' }));

  return (
    <>
      <ErrorAlert message={error} />
      <h2>API sessions</h2>
      <TablePanel
        rows={data?.apiSessions ?? (error ? [] : null)}
        label="API sessions"
        headers={['Identity', 'Created', 'Last activity', 'Expires', 'MFA', 'IP?', 'Sessions?', ...(canEdit ? ['Actions'] : [])]}
        empty={
          <>
            No API sessions. An identity gets one when it authenticates at <code>/edge/client/v1/authenticate</code> (certificate or password).
          </>
        }
      >
        {data?.apiSessions.map((s) => (
          <tr key={s.id} data-testid="api-session-row">
            <td>
              {s.identity.name}
              <div className="sub mono">{s.id}</div>
            </td>
            <td>{when(s.created_at)}</td>
            <td>{when(s.last_activity_at)}</td>
            <td>{s.expired ? <span className="badge bad">expired</span> : when(s.expires_at)}</td>
            <td>{MFA[s.mfa]}</td>
            <td className="hide-narrow mono">{s.ip || '—'}</td>
            <td className="hide-narrow">{s.sessions}</td>
            {canEdit && (
              <td>
                <ConfirmButton label="Revoke" ariaLabel={`Revoke API session ${s.id} of ${s.identity.name}`} confirmLabel="Confirm revoke" removes={`Ends API session ${s.id} of ${s.identity.name} and its ${count(s.sessions, 'service session')}.`} disabled={busy} onConfirm={() => revoke('api-sessions', s.id)} />
              </td>
            )}
          </tr>
        ))}
      </TablePanel>

      <h2>Service sessions</h2>
      <TablePanel
        rows={data?.sessions ?? (error ? [] : null)}
        label="Service sessions"
        headers={['Identity', 'Service', 'Type', 'Created', ...(canEdit ? ['Actions'] : [])]}
        empty={
          <>
            No service sessions. A signed-in identity opens one with <code>POST /edge/client/v1/sessions</code> to Dial or Bind a service it is allowed to.
          </>
        }
      >
        {data?.sessions.map((s) => (
          <tr key={s.id} data-testid="session-row">
            <td>{s.identity.name}</td>
            <td>{s.service.name || <span className="muted">deleted service {s.service.id}</span>}</td>
            <td>{s.type}</td>
            <td>{when(s.created_at)}</td>
            {canEdit && (
              <td>
                <ConfirmButton
                  label="Revoke"
                  ariaLabel={`Revoke ${s.type} session of ${s.identity.name} for ${s.service.name || s.service.id}`}
                  confirmLabel="Confirm revoke"
                  removes={`Ends the ${s.type} session of ${s.identity.name} for ${s.service.name || s.service.id}.`}
                  disabled={busy}
                  onConfirm={() => revoke('sessions', s.id)}
                />
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
