'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import type { NetbirdPostureCheck as PostureCheck } from '@/lib/dialects/netbird/posture-checks';
import { checkSummary, formOfCheck, newCheckForm, type CheckForm } from './check-form';
import type { NetbirdCountry as Country } from '@/lib/dialects/netbird/locations';
import { PostureCheckDialog } from './PostureCheckDialog';

export function PostureChecksManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [checks, countries] = await Promise.all([api<PostureCheck[]>('/api/posture-checks'), api<Country[]>('/api/locations/countries?format=objects')]);
    return { checks, countries: countries.sort((a, b) => a.country_name.localeCompare(b.country_name)) };
  });
  const [editing, setEditing] = useState<{ id?: string; form: CheckForm } | null>(null);

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setEditing({ form: newCheckForm() })}>
            Add posture check
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
      {editing && data && (
        <PostureCheckDialog
          checkId={editing.id}
          initial={editing.form}
          countries={data.countries}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <TablePanel
        rows={data?.checks ?? null}
        label="Posture checks"
        headers={['Posture check', 'Conditions', ...(canEdit ? ['Actions'] : [])]}
        empty={
          canEdit
            ? 'No posture checks yet. Add one (a minimum agent or OS version, a location, a network range or a running process), then require it in a policy.'
            : 'No posture checks yet. An admin can add them.'
        }
      >
        {data?.checks.map((c) => (
          <tr key={c.id} data-testid="posture-row">
            <td>
              {c.name}
              {c.description && <div className="sub">{c.description}</div>}
            </td>
            <td>
              {checkSummary(c.checks).map((line) => (
                <div key={line} className="sub">
                  {line}
                </div>
              ))}
            </td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${c.name}`} onClick={() => setEditing({ id: c.id, form: formOfCheck(c) })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${c.name}`} confirmLabel="Confirm delete" removes={`Deletes posture check ${c.name}.`} disabled={busy} onConfirm={() => act(() => api(`/api/posture-checks/${c.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
