'use client';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';
import { GroupPicker } from '../forms/GroupPicker';
import type { GroupOption } from '../forms/types';

/** NetBird's DNS settings: peers in these groups keep their own DNS configuration. */
export function DnsManagementSettings({ canEdit, groups, disabled, onSaved }: { canEdit: boolean; groups: GroupOption[]; disabled: string[]; onSaved: () => Promise<void> }) {
  const [selected, setSelected] = useState(disabled);
  const { error, busy, run } = usePending();
  const [saved, setSaved] = useState(false);
  const dirty = JSON.stringify([...selected].sort()) !== JSON.stringify([...disabled].sort());
  return (
    <section aria-labelledby="dns-mgmt-heading">
      <h2 id="dns-mgmt-heading">DNS management</h2>
      <form
        className="panel"
        aria-label="DNS management"
        onSubmit={async (e) => {
          e.preventDefault();
          await run(async () => {
            await api('/api/dns/settings', { method: 'PUT', body: JSON.stringify({ disabled_management_groups: selected }) });
            setSaved(true);
            await onSaved();
          });
        }}
      >
        <p className="mt-0">meshdeck manages the DNS of every peer, except peers in the groups ticked here: they keep their own resolvers and get no nameserver groups.</p>
        <GroupPicker legend="Groups without DNS management" groups={groups} value={selected} disabled={!canEdit} onChange={(ids) => (setSelected(ids), setSaved(false))} />
        <ErrorAlert message={error} />
        {saved && !dirty && (
          <p className="notice" role="status">
            DNS management saved.
          </p>
        )}
        {canEdit && (
          <button type="submit" className="primary" disabled={busy || !dirty}>
            Save DNS management
          </button>
        )}
      </form>
    </section>
  );
}
