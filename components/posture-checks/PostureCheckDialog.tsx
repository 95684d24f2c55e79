'use client';
import { useId, useState } from 'react';
import { api } from '../api';
import { FormDialog } from '../forms/FormDialog';
import { Switch } from '../forms/Switch';
import { checkBody, emptyProcess, OS_FIELDS, type CheckForm, type ProcessPaths } from './check-form';
import type { NetbirdCountry as Country } from '@/lib/dialects/netbird/locations';
import { LocationFields } from './LocationFields';

/** One of the five kinds: a switch, and its fields while it is on. */
function Kind(props: { title: string; on: boolean; onToggle: (on: boolean) => void; children: React.ReactNode }) {
  return (
    <fieldset className="group">
      <legend>{props.title}</legend>
      <Switch label={`Check ${props.title.toLowerCase()}`} checked={props.on} onChange={props.onToggle} />
      {props.on && <div className="mt-8">{props.children}</div>}
    </fieldset>
  );
}

function ActionSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field basis-220">
      <label htmlFor={id}>Action</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="allow">Allow only these</option>
        <option value="deny">Deny these</option>
      </select>
    </div>
  );
}

const PATHS = [
  ['linux', 'Linux path'],
  ['mac', 'macOS path'],
  ['windows', 'Windows path'],
] as const;

export function PostureCheckDialog(props: { checkId?: string; initial: CheckForm; countries: Country[]; onDone: () => void; onClose: () => void }) {
  const id = useId();
  const [f, setF] = useState(props.initial);
  const set = <K extends 'nb' | 'os' | 'geo' | 'net' | 'proc'>(k: K, patch: Partial<CheckForm[K]>) => setF((cur) => ({ ...cur, [k]: { ...cur[k], ...patch } }));
  const setProcess = (i: number, p: ProcessPaths) => set('proc', { processes: f.proc.processes.map((x, j) => (j === i ? p : x)) });
  const editing = Boolean(props.checkId);

  return (
    <FormDialog
      title={editing ? `Edit posture check ${props.initial.name}` : 'Add posture check'}
      submitLabel={editing ? 'Save posture check' : 'Create posture check'}
      onDone={props.onDone}
      onClose={props.onClose}
      onSubmit={() => {
        const body = JSON.stringify(checkBody(f));
        return editing ? api(`/api/posture-checks/${props.checkId}`, { method: 'PUT', body }) : api('/api/posture-checks', { method: 'POST', body });
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={f.name} maxLength={255} placeholder="e.g. recent agents" onChange={(e) => setF({ ...f, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <input id={`${id}-description`} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />
        </div>
      </div>

      <Kind title="NetBird version" on={f.nb.on} onToggle={(on) => set('nb', { on })}>
        <div className="field">
          <label htmlFor={`${id}-nb`}>Minimum NetBird version</label>
          <input id={`${id}-nb`} value={f.nb.min} placeholder="e.g. 0.25.0" onChange={(e) => set('nb', { min: e.target.value })} />
        </div>
      </Kind>

      <Kind title="OS version" on={f.os.on} onToggle={(on) => set('os', { on })}>
        <p className="hint">Peers on a system left empty are not allowed.</p>
        <div className="row">
          {OS_FIELDS.map(({ key, label }) => (
            <div className="field grow-120" key={key}>
              <label htmlFor={`${id}-os-${key}`}>Minimum {label}</label>
              <input id={`${id}-os-${key}`} value={f.os[key]} placeholder="version" onChange={(e) => set('os', { [key]: e.target.value } as Partial<CheckForm['os']>)} />
            </div>
          ))}
        </div>
      </Kind>

      <Kind title="Location" on={f.geo.on} onToggle={(on) => set('geo', { on })}>
        <ActionSelect id={`${id}-geo-action`} value={f.geo.action} onChange={(action) => set('geo', { action })} />
        <LocationFields locations={f.geo.locations} countries={props.countries} onChange={(locations) => set('geo', { locations })} />
      </Kind>

      <Kind title="Peer network range" on={f.net.on} onToggle={(on) => set('net', { on })}>
        <ActionSelect id={`${id}-net-action`} value={f.net.action} onChange={(action) => set('net', { action })} />
        <div className="field">
          <label htmlFor={`${id}-ranges`}>Network ranges (CIDR, one per line)</label>
          <textarea id={`${id}-ranges`} rows={3} value={f.net.ranges} placeholder={'192.168.0.0/16\n2001:db8::/32'} onChange={(e) => set('net', { ranges: e.target.value })} />
        </div>
      </Kind>

      <Kind title="Process" on={f.proc.on} onToggle={(on) => set('proc', { on })}>
        <p className="hint">Each process must be running on the peer; give its path on the systems you use.</p>
        {f.proc.processes.map((p, i) => (
          <div className="row" key={i}>
            {PATHS.map(([k, label]) => (
              <div className="field" key={k}>
                <label htmlFor={`${id}-proc-${i}-${k}`}>
                  Process {i + 1} {label}
                </label>
                <input id={`${id}-proc-${i}-${k}`} className="mono" value={p[k]} onChange={(e) => setProcess(i, { ...p, [k]: e.target.value })} />
              </div>
            ))}
            {f.proc.processes.length > 1 && (
              <div className="field fit">
                <button type="button" onClick={() => set('proc', { processes: f.proc.processes.filter((_, j) => j !== i) })}>
                  Remove process {i + 1}
                </button>
              </div>
            )}
          </div>
        ))}
        <button type="button" onClick={() => set('proc', { processes: [...f.proc.processes, emptyProcess()] })}>
          Add process
        </button>
      </Kind>
    </FormDialog>
  );
}
