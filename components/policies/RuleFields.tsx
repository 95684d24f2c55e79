'use client';
import { useId } from 'react';
import { GroupPicker } from '../forms/GroupPicker';
import { Switch } from '../forms/Switch';
import type { GroupOption } from '../forms/types';
import { PROTOCOLS, takesPorts, type RuleForm } from './policy-form';

/** A rule's end that names a network resource or a peer instead of groups: shown, and removable. */
function ResourceEnd({ side, value, onClear }: { side: string; value: { id: string; type: string }; onClear: () => void }) {
  return (
    <p className="hint">
      {side}: {value.type} <span className="mono">{value.id}</span>{' '}
      <button type="button" onClick={onClear}>
        Use groups instead
      </button>
    </p>
  );
}

export function RuleFields(props: { index: number; rule: RuleForm; onChange: (r: RuleForm) => void; onRemove?: () => void; groups: GroupOption[]; onGroupCreated: (g: GroupOption) => void }) {
  const id = useId();
  const { rule, onChange } = props;
  const set = (patch: Partial<RuleForm>) => onChange({ ...rule, ...patch });
  return (
    <fieldset className="group">
      <legend>Rule {props.index + 1}</legend>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Rule name</label>
          <input id={`${id}-name`} value={rule.name} maxLength={255} placeholder="the policy's name" onChange={(e) => set({ name: e.target.value })} />
        </div>
        <div className="field basis-130">
          <label htmlFor={`${id}-action`}>Action</label>
          <select id={`${id}-action`} value={rule.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="accept">Accept</option>
            <option value="drop">Drop</option>
          </select>
        </div>
        <div className="field basis-150">
          <label htmlFor={`${id}-protocol`}>Protocol</label>
          <select id={`${id}-protocol`} value={rule.protocol} onChange={(e) => set({ protocol: e.target.value })}>
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p === 'all' ? 'All' : p.toUpperCase().replace('NETBIRD-SSH', 'NetBird SSH')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-ports`}>Ports and ranges</label>
          <input
            id={`${id}-ports`}
            value={takesPorts(rule.protocol) ? rule.ports : ''}
            disabled={!takesPorts(rule.protocol)}
            placeholder={takesPorts(rule.protocol) ? 'all ports, or e.g. 22, 80, 8000-8100' : 'TCP and UDP only'}
            aria-describedby={`${id}-ports-hint`}
            onChange={(e) => set({ ports: e.target.value })}
          />
          <span id={`${id}-ports-hint`} className="sr-only">
            Leave empty for every port. Ports only apply to TCP and UDP.
          </span>
        </div>
      </div>
      {rule.sourceResource ? (
        <ResourceEnd side="Source" value={rule.sourceResource} onClear={() => set({ sourceResource: undefined })} />
      ) : (
        <GroupPicker legend="Sources" groups={props.groups} value={rule.sources} onChange={(sources) => set({ sources })} onCreated={props.onGroupCreated} />
      )}
      {rule.destinationResource ? (
        <ResourceEnd side="Destination" value={rule.destinationResource} onClear={() => set({ destinationResource: undefined })} />
      ) : (
        <GroupPicker legend="Destinations" groups={props.groups} value={rule.destinations} onChange={(destinations) => set({ destinations })} onCreated={props.onGroupCreated} />
      )}
      <div className="row middle">
        <Switch label="Bidirectional" checked={rule.bidirectional} onChange={(bidirectional) => set({ bidirectional })} />
        <Switch label="Rule enabled" checked={rule.enabled} onChange={(enabled) => set({ enabled })} />
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            Remove rule {props.index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}
