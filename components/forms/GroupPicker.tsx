'use client';
import { useId, useState } from 'react';
import { api } from '../api';
import { usePending } from '../usePending';
import type { GroupOption } from './types';

/**
 * The groups a form can pick from, plus the ones created from inside it: a group made in one picker
 * shows up at once in the form's other pickers.
 */
export function useGroupOptions(initial: GroupOption[]) {
  const [groups, setGroups] = useState(initial);
  return { groups, added: (g: GroupOption) => setGroups((gs) => [...gs, g]) };
}

/**
 * Several groups, as labelled checkboxes in a fieldset whose legend says what for. With `onCreated`
 * it also has a field that creates a new group and selects it.
 */
export function GroupPicker(props: {
  legend: string;
  groups: GroupOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  onCreated?: (g: GroupOption) => void;
  hint?: string;
  /** Shown when there are no groups to pick from. */
  empty?: string;
  disabled?: boolean;
}) {
  const newId = useId();
  const [name, setName] = useState('');
  const { error, setError, busy, run } = usePending();
  const { value, onChange } = props;
  const canCreate = Boolean(props.onCreated) && !props.disabled;

  async function create() {
    const n = name.trim();
    if (!n) return setError('Type a name for the new group.');
    await run(async () => {
      const g = await api<GroupOption>('/api/groups', { method: 'POST', body: JSON.stringify({ name: n, peers: [] }) });
      props.onCreated?.({ id: g.id, name: g.name });
      onChange([...value, g.id]);
      setName('');
    });
  }

  return (
    <fieldset className="field picker">
      <legend>{props.legend}</legend>
      {props.hint && <p className="hint">{props.hint}</p>}
      {props.groups.length === 0 ? (
        <p className="hint">{props.empty ?? (canCreate ? 'No groups yet: create one here.' : 'No groups yet. Create one under Groups first.')}</p>
      ) : (
        <div className="checks">
          {props.groups.map((g) => (
            <label key={g.id} className="check">
              <input type="checkbox" checked={value.includes(g.id)} disabled={props.disabled} onChange={(e) => onChange(e.target.checked ? [...value, g.id] : value.filter((x) => x !== g.id))} />
              {g.name}
            </label>
          ))}
        </div>
      )}
      {canCreate && (
        <div className="row tight mt-6">
          <label htmlFor={newId} className="sr-only">
            New group for {props.legend}
          </label>
          <input
            id={newId}
            value={name}
            maxLength={255}
            placeholder="new group name"
            className="grow-160 auto-width"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              // Enter here creates the group rather than submitting the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                create();
              }
            }}
          />
          <button type="button" disabled={busy} onClick={create}>
            Create group
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
