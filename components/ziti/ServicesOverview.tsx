'use client';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import type { ZitiIdentityRef, ZitiServiceOverviewView as ZitiServiceOverview } from '@/lib/dialects/console/ziti-services';

function Identities({ list, testId }: { list: ZitiIdentityRef[]; testId: string }) {
  if (!list.length) return <span className="muted" data-testid={testId}>nobody</span>;
  return (
    <span data-testid={testId}>
      {list.map((i, n) => (
        <span key={i.id}>
          {n > 0 && ', '}
          {i.name}
          {i.disabled && <span className="sub"> (disabled)</span>}
        </span>
      ))}
    </span>
  );
}

/** The account's Ziti services with the identities that may Dial / Bind each (read-only). */
export function ServicesOverview() {
  const { data, error } = useResource(() => api<ZitiServiceOverview[]>('/api/console/ziti/services'));
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const rows = data && (needle ? data.filter((s) => s.name.toLowerCase().includes(needle)) : data);

  const empty =
    data && data.length > 0 ? (
      <>No service name contains “{filter.trim()}”.</>
    ) : (
      <>
        No Ziti services yet. Every network resource is a Ziti service: add a network and its resources (hosts, subnets, domains) on{' '}
        <Link href="/app/networks">Networks</Link>, give it a router, and let identities reach the resource’s groups with a policy.
      </>
    );

  return (
    <>
      <ErrorAlert message={error} />
      <div className="filters mb-12">
        <div className="field basis-320">
          <label htmlFor="ziti-service-filter">Filter by name</label>
          <input id="ziti-service-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="e.g. web" />
        </div>
      </div>
      <TablePanel rows={rows ?? (error ? [] : null)} label="Ziti services" headers={['Service', 'Address', 'Dial', 'Bind', 'Edge routers?']} empty={empty}>
        {rows?.map((s) => (
          <tr key={s.id} data-testid="service-row">
            <td>
              {s.name}
              {!s.enabled && <span className="badge warn ml-6">disabled</span>}
              <div className="sub">
                network <Link href={`/app/networks/${encodeURIComponent(s.network.id)}`}>{s.network.name || s.network.id}</Link>
                {s.role_attributes.length > 0 && <> · {s.role_attributes.map((a) => `#${a}`).join(', ')}</>}
              </div>
            </td>
            <td>
              <span className="mono">{s.address}</span>
              <div className="sub">{s.type}</div>
            </td>
            <td>
              <Identities list={s.dial_identities} testId="service-dial" />
            </td>
            <td>
              <Identities list={s.bind_identities} testId="service-bind" />
            </td>
            <td className="hide-narrow">
              {s.edge_routers.length
                ? s.edge_routers.map((r, n) => (
                    <span key={r.id}>
                      {n > 0 && ', '}
                      {r.name} <span className={`badge ${r.connected ? 'ok' : ''}`}>{r.connected ? 'online' : 'offline'}</span>
                    </span>
                  ))
                : <span className="muted">none: the network has no active router</span>}
            </td>
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
