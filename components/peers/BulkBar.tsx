'use client';
import { useState } from 'react';
import { ConfirmButton } from '../ConfirmButton';

/** The peers a deletion removes, by name: all of them up to ten, then how many more. */
function named(names: string[], count: number) {
  const shown = names.slice(0, 10).join(', ');
  return count > 10 ? `${shown} and ${count - 10} more` : shown;
}
import type { PeerFilterOptions } from '@/lib/dialects/console/peers';

export type BulkRequest = { action: 'add-groups' | 'remove-groups'; groups: string[] } | { action: 'approve' } | { action: 'login-expiration'; enabled: boolean } | { action: 'delete' };

/** Actions on the selected peers; shown while at least one peer is selected. */
export function BulkBar({ count, names, groups, busy, onRun, onClear }: { count: number; names: string[]; groups: PeerFilterOptions['groups']; busy: boolean; onRun: (r: BulkRequest) => Promise<boolean>; onClear: () => void }) {
  const [group, setGroup] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const choices = groups.filter((g) => g.name !== 'All');
  const plural = count === 1 ? 'peer' : 'peers';
  const withGroup = (action: 'add-groups' | 'remove-groups') => {
    if (!group) return setHint('Choose a group first.');
    setHint(null);
    onRun({ action, groups: [group] });
  };

  return (
    <section className="panel bulk-bar" aria-label="Bulk actions">
      <div className="row middle">
        <strong data-testid="selected-count" aria-live="polite">
          {count} {plural} selected
        </strong>
        <div className="field basis-200 mb-0">
          <label htmlFor="bulk-group">Group for the selection</label>
          <select id="bulk-group" value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">Choose a group…</option>
            {choices.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={busy} onClick={() => withGroup('add-groups')}>
          Add to group
        </button>
        <button type="button" disabled={busy} onClick={() => withGroup('remove-groups')}>
          Remove from group
        </button>
        <button type="button" disabled={busy} onClick={() => onRun({ action: 'approve' })}>
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => onRun({ action: 'login-expiration', enabled: true })}>
          Enable login expiration
        </button>
        <button type="button" disabled={busy} onClick={() => onRun({ action: 'login-expiration', enabled: false })}>
          Disable login expiration
        </button>
        <ConfirmButton
          label={`Delete ${count} ${plural}`}
          confirmLabel={`Confirm: delete ${count} ${plural}`}
          removes={`Deletes ${count} ${plural}: ${named(names, count)}. Each is cut off the network until it registers again.`}
          disabled={busy}
          onConfirm={() => onRun({ action: 'delete' })}
        />
        <button type="button" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {hint && (
        <p className="error" role="alert">
          {hint}
        </p>
      )}
    </section>
  );
}
