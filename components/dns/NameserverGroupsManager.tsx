'use client';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { groupNames, type GroupOption } from '../forms/types';
import { NameserverGroupForm } from './NameserverGroupForm';
import type { NetbirdNameserverGroup as NameserverGroup } from '@/lib/dialects/netbird/dns';
import { EMPTY_GROUP, type NameserverGroupDraft } from './types';

/** NetBird nameserver groups: which resolvers the peers of some groups use, for all or some domains. */
export function NameserverGroupsManager({ canEdit, groups, nsGroups, busy, error, act, reload }: {
  canEdit: boolean;
  groups: GroupOption[];
  nsGroups: NameserverGroup[] | null;
  busy: boolean;
  error: string | null;
  act: (fn: () => Promise<unknown>) => Promise<boolean>;
  reload: () => Promise<void>;
}) {
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; group: NameserverGroup } | null>(null);
  // The form shows the server's message itself, so a failed save throws instead of using `act`'s alert.
  const save = (path: string, method: string) => async (d: NameserverGroupDraft) => {
    await api(path, { method, body: JSON.stringify(d) });
    setMode(null);
    await reload();
  };

  return (
    <section aria-labelledby="ns-heading">
      <div className="row spread">
        <h2 id="ns-heading">Nameserver groups</h2>
        {canEdit && !mode && (
          <button type="button" className="primary" onClick={() => setMode({ kind: 'create' })}>
            Add nameserver group
          </button>
        )}
      </div>
      {mode?.kind === 'create' && <NameserverGroupForm title="New nameserver group" initial={EMPTY_GROUP} groups={groups} submitLabel="Create nameserver group" onSubmit={save('/api/dns/nameservers', 'POST')} onCancel={() => setMode(null)} />}
      {mode?.kind === 'edit' && (
        <NameserverGroupForm
          key={mode.group.id}
          title={`Edit ${mode.group.name}`}
          initial={mode.group}
          groups={groups}
          submitLabel="Save nameserver group"
          onSubmit={save(`/api/dns/nameservers/${mode.group.id}`, 'PUT')}
          onCancel={() => setMode(null)}
        />
      )}
      <ErrorAlert message={error} />
      <TablePanel
        rows={nsGroups}
        headers={['Name', 'Nameservers', 'Domains', 'Groups?', 'State', ...(canEdit ? ['Actions'] : [])]}
        empty={`No nameserver groups yet: peers keep their own resolvers. ${canEdit ? 'Add one to send DNS queries of some groups to your resolvers.' : ''}`}
      >
        {nsGroups?.map((g) => (
          <tr key={g.id} data-testid="ns-row">
            <td>
              {g.name}
              {g.description && <div className="muted">{g.description}</div>}
            </td>
            <td className="mono">{g.nameservers.map((ns) => (ns.port === 53 ? ns.ip : `${ns.ip}:${ns.port}`)).join(', ')}</td>
            <td>{g.primary ? 'all domains' : g.domains.join(', ') + (g.search_domains_enabled ? ' (search)' : '')}</td>
            <td className="hide-narrow">{groupNames(groups, g.groups)}</td>
            <td>
              <span className={`badge ${g.enabled ? 'ok' : 'warn'}`}>{g.enabled ? 'enabled' : 'disabled'}</span>
            </td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit ${g.name}`} onClick={() => setMode({ kind: 'edit', group: g })}>
                    Edit
                  </button>
                  <ConfirmButton label="Delete" ariaLabel={`Delete ${g.name}`} confirmLabel="Confirm delete" removes={`Deletes nameserver group ${g.name} (${count(g.nameservers.length, 'nameserver')}): peers of its ${count(g.groups.length, 'group')} stop using it.`} disabled={busy} onConfirm={() => act(() => api(`/api/dns/nameservers/${g.id}`, { method: 'DELETE' }))} />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}
