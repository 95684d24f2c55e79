'use client';
import { useState } from 'react';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';
import { Switch } from '../forms/Switch';
import { networkProblem } from './networkBody';
import type { NetworkDraft } from './types';

/** Create or edit a network's name, access and managed IPv4 range; shows its own and the server's errors. */
export function NetworkForm(props: { title: string; initial: NetworkDraft; submitLabel: string; onSubmit: (d: NetworkDraft) => Promise<unknown>; onCancel?: () => void }) {
  const [d, setD] = useState(props.initial);
  const { error, setError, busy, run } = usePending();
  const set = (patch: Partial<NetworkDraft>) => setD({ ...d, ...patch });
  return (
    <form
      className="panel"
      aria-label={props.title}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = networkProblem(d);
        setError(problem);
        if (problem) return;
        if (await run(() => props.onSubmit(d))) setD(props.initial);
      }}
    >
      <h2 className="mt-0">{props.title}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="zt-name">Network name</label>
          <input id="zt-name" value={d.name} maxLength={127} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. lab" />
        </div>
        <div className="field">
          <label htmlFor="zt-cidr">Managed IPv4 range (optional)</label>
          <input id="zt-cidr" className="mono" value={d.cidr} onChange={(e) => set({ cidr: e.target.value })} placeholder="e.g. 10.147.17.0/24" />
        </div>
      </div>
      <Switch label="Private" hint="Members must be authorized before they can join. Off: anyone with the network id can join." checked={d.private} onChange={(on) => set({ private: on })} />
      <ErrorAlert message={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
