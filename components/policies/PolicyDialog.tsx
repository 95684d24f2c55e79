'use client';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '../api';
import { FormDialog } from '../forms/FormDialog';
import { useGroupOptions } from '../forms/GroupPicker';
import { Switch } from '../forms/Switch';
import type { GroupOption } from '../forms/types';
import { newRule, policyBody, type PolicyForm } from './policy-form';
import { RuleFields } from './RuleFields';

/** Creates a policy (no `policyId`) or replaces one. */
export function PolicyDialog(props: { policyId?: string; initial: PolicyForm; groups: GroupOption[]; postureChecks: GroupOption[]; onDone: () => void; onClose: () => void }) {
  const [form, setForm] = useState(props.initial);
  const { groups, added } = useGroupOptions(props.groups);
  const set = (patch: Partial<PolicyForm>) => setForm({ ...form, ...patch });
  const editing = Boolean(props.policyId);

  return (
    <FormDialog
      title={editing ? `Edit policy ${props.initial.name}` : 'Add policy'}
      submitLabel={editing ? 'Save policy' : 'Create policy'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        const body = JSON.stringify(policyBody(form));
        return editing ? api(`/api/policies/${props.policyId}`, { method: 'PUT', body }) : api('/api/policies', { method: 'POST', body });
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor="policy-name">Name</label>
          <input id="policy-name" value={form.name} maxLength={255} placeholder="e.g. developers to servers" onChange={(e) => set({ name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="policy-description">Description</label>
          <input id="policy-description" value={form.description} onChange={(e) => set({ description: e.target.value })} />
        </div>
      </div>
      <Switch label="Policy enabled" checked={form.enabled} onChange={(enabled) => set({ enabled })} />
      {form.rules.map((r, i) => (
        <RuleFields
          key={r.id ?? `new-${i}`}
          index={i}
          rule={r}
          groups={groups}
          onGroupCreated={added}
          onChange={(rule) => set({ rules: form.rules.map((x, j) => (j === i ? rule : x)) })}
          onRemove={form.rules.length > 1 ? () => set({ rules: form.rules.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      <button type="button" onClick={() => set({ rules: [...form.rules, newRule()] })}>
        Add rule
      </button>
      <fieldset className="field picker mt-12">
        <legend>Posture checks the sources must pass</legend>
        {props.postureChecks.length === 0 ? (
          <p className="hint">
            None yet. Define them under <Link href="/app/posture-checks">Posture checks</Link>, then pick them here.
          </p>
        ) : (
          <div className="checks">
            {props.postureChecks.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={form.postureChecks.includes(c.id)}
                  onChange={(e) => set({ postureChecks: e.target.checked ? [...form.postureChecks, c.id] : form.postureChecks.filter((x) => x !== c.id) })}
                />
                {c.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
    </FormDialog>
  );
}
