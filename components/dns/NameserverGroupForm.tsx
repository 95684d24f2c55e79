'use client';
import { useState } from 'react';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';
import { isDomain, isIp } from '../forms/formChecks';
import { GroupPicker } from '../forms/GroupPicker';
import type { GroupOption } from '../forms/types';
import { Switch } from '../forms/Switch';
import { TagListInput } from '../forms/TagListInput';
import type { NameserverGroupDraft } from './types';

/** The message for the first thing wrong with a draft, before it is sent; null when it looks fine. */
export function draftProblem(d: NameserverGroupDraft): string | null {
  if (!d.name.trim()) return 'Give the nameserver group a name.';
  if (d.name.length > 40) return 'The name can be at most 40 characters.';
  if (d.nameservers.length === 0) return 'Add at least one nameserver.';
  for (const ns of d.nameservers) {
    if (!isIp(ns.ip)) return `${ns.ip.trim() ? `"${ns.ip}"` : 'An empty address'} is not an IP address.`;
    if (!Number.isInteger(ns.port) || ns.port < 1 || ns.port > 65535) return 'Ports are between 1 and 65535.';
  }
  if (d.groups.length === 0) return 'Choose at least one group whose peers use these nameservers.';
  if (!d.primary && d.domains.length === 0) return 'Add a match domain, or let these nameservers resolve all domains.';
  return null;
}

export function NameserverGroupForm(props: { title: string; initial: NameserverGroupDraft; groups: GroupOption[]; submitLabel: string; onSubmit: (d: NameserverGroupDraft) => Promise<unknown>; onCancel?: () => void }) {
  const [d, setD] = useState<NameserverGroupDraft>(props.initial);
  const { error, setError, busy, run } = usePending();
  const set = (patch: Partial<NameserverGroupDraft>) => setD({ ...d, ...patch });
  const setNs = (i: number, patch: Partial<NameserverGroupDraft['nameservers'][number]>) => set({ nameservers: d.nameservers.map((ns, j) => (i === j ? { ...ns, ...patch } : ns)) });

  return (
    <form
      className="panel"
      aria-label={props.title}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = draftProblem(d);
        setError(problem);
        if (problem) return;
        const body = { ...d, name: d.name.trim(), nameservers: d.nameservers.map((ns) => ({ ...ns, ip: ns.ip.trim() })), domains: d.primary ? [] : d.domains, search_domains_enabled: !d.primary && d.search_domains_enabled };
        if (await run(() => props.onSubmit(body))) setD(props.initial);
      }}
    >
      <h2 className="mt-0">{props.title}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="ns-name">Name</label>
          <input id="ns-name" value={d.name} maxLength={40} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. Office resolvers" />
        </div>
        <div className="field wide-260">
          <label htmlFor="ns-description">Description</label>
          <input id="ns-description" value={d.description} maxLength={1000} onChange={(e) => set({ description: e.target.value })} />
        </div>
      </div>
      <fieldset className="field checklist">
        <legend>Nameservers (UDP, up to 3)</legend>
        {d.nameservers.map((ns, i) => (
          <div className="row mb-6" key={i}>
            <div className="field mb-0">
              <label htmlFor={`ns-ip-${i}`}>Nameserver {i + 1} address</label>
              <input id={`ns-ip-${i}`} value={ns.ip} onChange={(e) => setNs(i, { ip: e.target.value })} placeholder="e.g. 1.1.1.1" />
            </div>
            <div className="field basis-110 mb-0">
              <label htmlFor={`ns-port-${i}`}>Port</label>
              <input id={`ns-port-${i}`} type="number" min={1} max={65535} value={ns.port} onChange={(e) => setNs(i, { port: Number(e.target.value) })} />
            </div>
            {d.nameservers.length > 1 && (
              <button type="button" aria-label={`Remove nameserver ${i + 1}`} onClick={() => set({ nameservers: d.nameservers.filter((_, j) => j !== i) })}>
                Remove
              </button>
            )}
          </div>
        ))}
        {d.nameservers.length < 3 && (
          <button type="button" onClick={() => set({ nameservers: [...d.nameservers, { ip: '', ns_type: 'udp', port: 53 }] })}>
            Add nameserver
          </button>
        )}
      </fieldset>
      <GroupPicker legend="Used by peers in these groups" groups={props.groups} value={d.groups} onChange={(groups) => set({ groups })} />
      <Switch label="Resolve all domains" hint="Off: only the match domains below go to these nameservers." checked={d.primary} onChange={(primary) => set({ primary })} />
      {!d.primary && (
        <>
          <TagListInput label="Match domains" values={d.domains} onChange={(domains) => set({ domains })} placeholder="e.g. corp.example" check={(v) => (isDomain(v, { single: true }) ? null : `"${v}" is not a domain name.`)} />
          <Switch label="Use match domains as search domains" checked={d.search_domains_enabled} onChange={(search_domains_enabled) => set({ search_domains_enabled })} />
        </>
      )}
      <Switch label="Enabled" checked={d.enabled} onChange={(enabled) => set({ enabled })} />
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
