'use client';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { usePending } from '../usePending';
import { isDomain, isIp } from '../forms/formChecks';
import { Switch } from '../forms/Switch';
import { TagListInput } from '../forms/TagListInput';

export interface TailnetDns {
  nameservers: string[];
  magicDNS: boolean;
  searchPaths: string[];
  splitDns: Record<string, string[]>;
}

// The Tailscale API's DNS settings of this account (= tailnet); `-` is the caller's own tailnet.
const BASE = '/api/v2/tailnet/-/dns';
const ipCheck = (v: string) => (isIp(v) ? null : `"${v}" is not an IP address.`);
const domainCheck = (v: string) => (isDomain(v, { single: true }) ? null : `"${v}" is not a domain name.`);
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

export function TailnetDnsPanel({ canEdit, dns, onChanged }: { canEdit: boolean; dns: TailnetDns; onChanged: () => Promise<void> }) {
  const [nameservers, setNameservers] = useState(dns.nameservers);
  const [searchPaths, setSearchPaths] = useState(dns.searchPaths);
  // Flips at once; flips back if the server refuses.
  const [magic, setMagic] = useState(dns.magicDNS);
  // The server turns MagicDNS off when the last nameserver goes.
  useEffect(() => setMagic(dns.magicDNS), [dns.magicDNS]);
  const [splitDomain, setSplitDomain] = useState('');
  const [splitServers, setSplitServers] = useState('');
  const { error, setError, busy, run } = usePending();

  /** Sends one change; answers the server's (normalized) result, or null after showing its error. */
  async function send<T>(path: string, method: string, body: unknown): Promise<T | null> {
    let result: T | null = null;
    await run(async () => {
      result = await api<T>(`${BASE}/${path}`, { method, body: JSON.stringify(body) });
      await onChanged();
    });
    return result;
  }

  async function addSplit(e: React.FormEvent) {
    e.preventDefault();
    const servers = splitServers.split(/[\s,]+/).filter(Boolean);
    if (!isDomain(splitDomain, { single: true })) return setError('Enter the domain whose queries go to other nameservers, e.g. corp.example.');
    if (servers.length === 0) return setError('Enter at least one nameserver address for that domain.');
    const bad = servers.find((s) => !isIp(s));
    if (bad) return setError(`"${bad}" is not an IP address.`);
    if (await send('split-dns', 'PATCH', { [splitDomain.trim()]: servers })) {
      setSplitDomain('');
      setSplitServers('');
    }
  }

  const splits = Object.entries(dns.splitDns);
  return (
    <section aria-labelledby="tailnet-dns-heading">
      <h2 id="tailnet-dns-heading">MagicDNS, nameservers and search paths</h2>
      <div className="panel">
        <p className="mt-0">
          The tailnet DNS settings of the Tailscale API. Peers receive them together with the nameserver groups above; MagicDNS gives every peer a name in the account&apos;s DNS domain.
        </p>
        <Switch
          label="MagicDNS"
          hint={dns.nameservers.length ? 'Peers resolve each other by name.' : 'Save at least one global nameserver first.'}
          checked={magic}
          disabled={!canEdit || busy || (!dns.magicDNS && dns.nameservers.length === 0)}
          onChange={async (on) => {
            setMagic(on);
            if (!(await send('preferences', 'POST', { magicDNS: on }))) setMagic(!on);
          }}
        />
        <div className="row top">
          <div className="column">
            <TagListInput label="Global nameservers" values={nameservers} onChange={setNameservers} placeholder="e.g. 9.9.9.9" check={ipCheck} disabled={!canEdit} />
            {canEdit && (
              <button type="button" disabled={busy || same(nameservers, dns.nameservers)} onClick={async () => {
                  const r = await send<{ dns: string[] }>('nameservers', 'POST', { dns: nameservers });
                  if (r) setNameservers(r.dns);
                }}>
                Save nameservers
              </button>
            )}
            {canEdit && dns.magicDNS && nameservers.length === 0 && <p className="field-problem warn-text">Without nameservers MagicDNS turns off.</p>}
          </div>
          <div className="column">
            <TagListInput label="Search paths" values={searchPaths} onChange={setSearchPaths} placeholder="e.g. corp.example" check={domainCheck} disabled={!canEdit} />
            {canEdit && (
              <button type="button" disabled={busy || same(searchPaths, dns.searchPaths)} onClick={async () => {
                  const r = await send<{ searchPaths: string[] }>('searchpaths', 'POST', { searchPaths });
                  if (r) setSearchPaths(r.searchPaths);
                }}>
                Save search paths
              </button>
            )}
          </div>
        </div>
        <ErrorAlert message={error} />
      </div>
      <TablePanel
        rows={splits}
        headers={['Domain', 'Nameservers', ...(canEdit ? ['Actions'] : [])]}
        empty={`No split DNS: every domain goes to the global nameservers.${canEdit ? ' Add a domain below to send its queries elsewhere.' : ''}`}
        before={<h3 className="panel-title">Split DNS</h3>}
        after={
          canEdit && (
            <form className="row mt-12" aria-label="Add split DNS domain" onSubmit={addSplit}>
              <div className="field">
                <label htmlFor="split-domain">Split DNS domain</label>
                <input id="split-domain" value={splitDomain} onChange={(e) => setSplitDomain(e.target.value)} placeholder="e.g. corp.example" />
              </div>
              <div className="field">
                <label htmlFor="split-servers">Its nameservers (comma separated)</label>
                <input id="split-servers" value={splitServers} onChange={(e) => setSplitServers(e.target.value)} placeholder="e.g. 10.0.0.53" />
              </div>
              <div className="field fit">
                <button type="submit" disabled={busy}>
                  Add split DNS
                </button>
              </div>
            </form>
          )
        }
      >
        {splits.map(([domain, servers]) => (
          <tr key={domain} data-testid="split-row">
            <td className="mono">{domain}</td>
            <td className="mono">{servers.join(', ')}</td>
            {canEdit && (
              <td>
                <ConfirmButton label="Remove" ariaLabel={`Remove split DNS for ${domain}`} confirmLabel="Confirm remove" removes={`Removes split DNS for ${domain}: its nameservers are no longer asked for it.`} disabled={busy} onConfirm={() => send('split-dns', 'PATCH', { [domain]: null })} />
              </td>
            )}
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}
