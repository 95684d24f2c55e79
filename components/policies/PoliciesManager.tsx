'use client';
import { useState } from 'react';
import { usePaletteIntent } from '../palette/usePaletteIntent';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { Switch } from '../forms/Switch';
import { groupNames, type GroupOption } from '../forms/types';
import { formatPorts } from '../forms/ports';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { PolicyDialog } from './PolicyDialog';
import type { NetbirdPolicy as Policy, NetbirdPolicyRule as PolicyRule } from '@/lib/dialects/netbird/policies';
import { formOf, newPolicy, policyBody, type PolicyForm } from './policy-form';

function endLabel(groups: { name: string }[] | undefined, resource: { id: string; type: string } | undefined) {
  return resource ? `${resource.type} ${resource.id}` : (groups ?? []).map((g) => g.name).join(', ') || '—';
}

function ruleSummary(r: PolicyRule): string {
  const ports = formatPorts(r.ports, r.port_ranges);
  const what = r.protocol === 'all' ? 'all traffic' : `${r.protocol.toUpperCase()}${ports ? ` ${ports}` : ''}`;
  return `${endLabel(r.sources, r.sourceResource)} ${r.bidirectional ? '⇄' : '→'} ${endLabel(r.destinations, r.destinationResource)} · ${what} · ${r.action}${r.enabled ? '' : ' (rule off)'}`;
}

export function PoliciesManager({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [policies, groups, checks] = await Promise.all([api<Policy[]>('/api/policies'), api<GroupOption[]>('/api/groups'), api<GroupOption[]>('/api/posture-checks')]);
    return { policies, groups, checks };
  });
  const [editing, setEditing] = useState<{ id?: string; form: PolicyForm } | null>(null);
  // The command palette's "New policy" (/app/policies?do=new-policy).
  usePaletteIntent('new-policy', () => setEditing({ form: newPolicy() }), canEdit);
  const groups = data?.groups ?? [];
  const checks = data?.checks ?? [];

  const setEnabled = (p: Policy, enabled: boolean) =>
    act(() => api(`/api/policies/${p.id}`, { method: 'PUT', body: JSON.stringify(policyBody({ ...formOf(p), enabled })) }));

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setEditing({ form: newPolicy() })}>
            Add policy
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
      {editing && data && (
        <PolicyDialog
          policyId={editing.id}
          initial={editing.form}
          groups={groups}
          postureChecks={checks}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <TablePanel
        rows={data?.policies ?? null}
        label="Policies"
        headers={['Policy', 'Rules', 'Posture checks?', 'Enabled', ...(canEdit ? ['Actions'] : [])]}
        empty={
          canEdit
            ? 'No policies yet, so no peer can reach another. Add a policy to say which groups may connect to which.'
            : 'No policies yet, so no peer can reach another. An admin can add them.'
        }
      >
        {data?.policies.map((p) => (
          <tr key={p.id} data-testid="policy-row">
            <td>
              {p.name}
              {p.description && <div className="sub">{p.description}</div>}
            </td>
            <td>
              {p.rules.map((r) => (
                <div key={r.id} className="sub" data-testid="policy-rule">
                  {ruleSummary(r)}
                </div>
              ))}
            </td>
            <td className="hide-narrow">{groupNames(checks, p.source_posture_checks ?? [])}</td>
            <td>
              {canEdit ? (
                <Switch label={p.enabled ? 'On' : 'Off'} ariaLabel={`${p.name} enabled`} checked={p.enabled} disabled={busy} onChange={(on) => setEnabled(p, on)} />
              ) : p.enabled ? (
                'on'
              ) : (
                'off'
              )}
            </td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${p.name}`} onClick={() => setEditing({ id: p.id, form: formOf(p) })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${p.name}`} confirmLabel="Confirm delete" removes={`Deletes policy ${p.name} and its ${count(p.rules.length, 'rule')}: the access it grants ends.`} disabled={busy} onConfirm={() => act(() => api(`/api/policies/${p.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
