'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import type { Operator } from './types';

/** The installation's operators: add someone who is a user in some account, or remove one. */
export function OperatorsPanel({ me }: { me: string }) {
  const { data: operators, error, setError, busy, act } = useResource(() => api<Operator[]>('/api/installation/operators'));
  const [email, setEmail] = useState('');

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setError('Enter a valid email address.');
    if (await act(() => api('/api/installation/operators', { method: 'POST', body: JSON.stringify({ email: email.trim() }) }))) setEmail('');
  }

  return (
    <section aria-labelledby="operators-heading">
      <h2 id="operators-heading">Operators</h2>
      <p className="hint">Operators run this installation: they see this page and manage every account. An operator must be a user in some account.</p>
      <form className="panel" onSubmit={add} aria-label="Add operator" noValidate>
        <div className="row">
          <div className="field">
            <label htmlFor="operator-email">Email</label>
            <input id="operator-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field fit">
            <button type="submit" className="primary" disabled={busy}>
              Add operator
            </button>
          </div>
        </div>
        <ErrorAlert message={error} />
      </form>
      <TablePanel rows={operators} label="Operators" headers={['Email', 'Since?', 'Actions']}>
        {operators?.map((o) => (
          <tr key={o.email} data-testid="operator-row">
            <td>{o.email}</td>
            <td className="hide-narrow">{new Date(o.since).toLocaleString()}</td>
            <td>
              {o.email === me.toLowerCase() ? (
                <span className="muted small">you</span>
              ) : (
                <ConfirmButton label="Remove" ariaLabel={`Remove operator ${o.email}`} confirmLabel="Confirm remove" removes={`Removes ${o.email} from the installation’s operators (their roles in accounts stay).`} disabled={busy} onConfirm={() => act(() => api(`/api/installation/operators/${encodeURIComponent(o.email)}`, { method: 'DELETE' }))} />
              )}
            </td>
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}
