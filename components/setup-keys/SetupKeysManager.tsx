'use client';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '../api';
import { ConfirmButton, count } from '../ConfirmButton';
import { useResource } from '../useResource';
import { CreateKeyForm } from './CreateKeyForm';
import type { NetbirdSetupKey as SetupKey } from '@/lib/dialects/netbird/setup-keys';
import { NEVER } from './types';
import { groupNames, type GroupOption } from '../forms/types';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { GroupPicker } from '../forms/GroupPicker';

const BADGE: Record<SetupKey['state'], { label: string; cls: string }> = {
  valid: { label: 'valid', cls: 'ok' },
  expired: { label: 'expired', cls: 'bad' },
  revoked: { label: 'revoked', cls: 'bad' },
  overused: { label: 'used up', cls: 'bad' },
};

const DAY_MS = 86_400_000;
const expiresWithin = (k: SetupKey, days: number) => !k.revoked && k.expires !== NEVER && new Date(k.expires).getTime() > Date.now() && new Date(k.expires).getTime() <= Date.now() + days * DAY_MS;

const date = (iso: string) => (iso === NEVER ? 'never' : new Date(iso).toLocaleString());

/** `expiringDays`: list only valid keys expiring within that many days (the dashboard's card links here so). */
export function SetupKeysManager({ canEdit, expiringDays }: { canEdit: boolean; expiringDays?: number }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [keys, groups] = await Promise.all([api<SetupKey[]>('/api/setup-keys'), api<GroupOption[]>('/api/groups')]);
    return { keys, groups: groups.filter((x) => x.name !== 'All') };
  });
  const keys = (expiringDays ? data?.keys.filter((k) => expiresWithin(k, expiringDays)) : data?.keys) ?? null;
  const groups = data?.groups ?? [];
  const [editing, setEditing] = useState<{ key: SetupKey; groups: string[] } | null>(null);

  return (
    <>
      {canEdit && <CreateKeyForm groups={groups} onCreated={reload} />}
      <ErrorAlert message={error} />
      {expiringDays && (
        <p className="panel" data-testid="keys-filter">
          Showing the valid keys that expire within {expiringDays} days. <Link href="/app/setup-keys">Show all keys</Link>
        </p>
      )}
      {editing && (
        <form
          className="panel"
          aria-label={`Auto-assigned groups of ${editing.key.name}`}
          onSubmit={async (e) => {
            e.preventDefault();
            const body = { revoked: editing.key.revoked, auto_groups: editing.groups };
            if (await act(() => api(`/api/setup-keys/${editing.key.id}`, { method: 'PUT', body: JSON.stringify(body) }))) setEditing(null);
          }}
        >
          <h2 className="mt-0">Auto-assigned groups of {editing.key.name}</h2>
          <p className="mt-0 muted">Peers that register with this key from now on join these groups; peers already registered keep theirs.</p>
          <GroupPicker legend="Groups" groups={groups} value={editing.groups} onChange={(ids) => setEditing({ ...editing, groups: ids })} empty="No groups yet (peers always join the All group)." />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Save groups
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <TablePanel
        rows={keys}
        headers={['Name', 'State', 'Usage', 'Expires?', 'Last used?', 'Groups', ...(canEdit ? ['Actions'] : [])]}
        empty="No setup keys yet. Create one above, then register peers with the command it shows."
      >
        {keys?.map((k) => (
          <tr key={k.id} data-testid="key-row">
            <td>
              {k.name}
              <div className="mono muted">
                {k.key} · {k.type}
                {k.ephemeral ? ' · ephemeral' : ''}
                {k.allow_extra_dns_labels ? ' · extra DNS labels' : ''}
              </div>
            </td>
            <td>
              <span className={`badge ${BADGE[k.state].cls}`} data-testid="key-state">
                {BADGE[k.state].label}
              </span>
            </td>
            <td>
              {k.used_times} / {k.usage_limit === 0 ? '∞' : k.usage_limit}
            </td>
            <td className="hide-narrow">{date(k.expires)}</td>
            <td className="hide-narrow">{date(k.last_used)}</td>
            <td>{groupNames(groups, k.auto_groups)}</td>
            {canEdit && (
              <td>
                <span className="row tight">
                  <button type="button" aria-label={`Edit groups of ${k.name}`} onClick={() => setEditing({ key: k, groups: k.auto_groups })}>
                    Edit groups
                  </button>
                  {!k.revoked && (
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke ${k.name}`}
                      confirmLabel="Confirm revoke"
                      removes={`Revokes setup key ${k.name}: no new peer can join with it (the ${count(k.used_times, 'peer')} that joined with it stay).`}
                      disabled={busy}
                      onConfirm={() => act(() => api(`/api/setup-keys/${k.id}`, { method: 'PUT', body: JSON.stringify({ revoked: true, auto_groups: k.auto_groups }) }))}
                    />
                  )}
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete ${k.name}`}
                    confirmLabel="Confirm delete"
                    removes={`Deletes setup key ${k.name}: no new peer can join with it (the ${count(k.used_times, 'peer')} that joined with it stay).`}
                    disabled={busy}
                    onConfirm={() => act(() => api(`/api/setup-keys/${k.id}`, { method: 'DELETE' }))}
                  />
                </span>
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
