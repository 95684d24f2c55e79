'use client';
// Read-only sections of the peer detail page: who it can reach, the routes it gets, its recent traffic.
import Link from 'next/link';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { when } from './types';
import type { NetbirdAccessiblePeer as AccessiblePeer } from '@/lib/dialects/netbird/peers';
import type { ConsolePeerRoute as PeerRoute } from '@/lib/dialects/netbird/agent';
import type { NetbirdTrafficPage } from '@/lib/dialects/netbird/traffic';

const SHOWN = 100;
const PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

export function AccessiblePeers({ peerId }: { peerId: string }) {
  const { data, error } = useResource(() => api<AccessiblePeer[]>(`/api/peers/${peerId}/accessible-peers`));
  return (
    <section className="panel" aria-labelledby="access-h">
      <h2 id="access-h" className="mt-0">
        Accessible peers {data && <span className="sub">({data.length.toLocaleString('en-US')})</span>}
      </h2>
      <ErrorAlert message={error} />
      <TablePanel
        rows={data}
        headers={['Peer', 'IP', 'DNS name?', 'Status']}
        empty="No policy lets this peer reach another peer. Add an access policy or put the peer in a group that one uses."
        wrap="scroll"
        after={data && data.length > SHOWN && <p className="sub">The first {SHOWN} are shown.</p>}
      >
        {data?.slice(0, SHOWN).map((p) => (
          <tr key={p.id} data-testid="accessible-row">
            <td>
              <Link href={`/app/peers/${p.id}`}>{p.name}</Link>
            </td>
            <td className="mono">{p.ip}</td>
            <td className="mono hide-narrow">{p.dns_label}</td>
            <td>{p.connected ? 'online' : 'offline'}</td>
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}

export function PeerRoutes({ peerId }: { peerId: string }) {
  const { data, error } = useResource(() => api<PeerRoute[]>(`/api/console/peers/${peerId}/routes`));
  return (
    <section className="panel" aria-labelledby="routes-h">
      <h2 id="routes-h" className="mt-0">
        Routes
      </h2>
      <ErrorAlert message={error} />
      <TablePanel rows={data} headers={['Route', 'Network', 'Metric', 'Routing peers?']} empty="This peer receives no routes. Routes distributed to one of its groups show here." wrap="none">
        {data?.map((r) => (
          <tr key={r.id} data-testid="route-row">
            <td>
              {r.net_id} <span className="sub">{r.kind === 'route' ? 'route' : 'network resource'}</span>
            </td>
            <td className="mono">{r.network ?? r.domains?.join(', ')}</td>
            <td>{r.metric}</td>
            <td className="hide-narrow">{r.routing_peers.length}</td>
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}

export function RecentTraffic({ peerId }: { peerId: string }) {
  const { data, error } = useResource(() => api<NetbirdTrafficPage>(`/api/events/network-traffic?reporter_id=${encodeURIComponent(peerId)}&page_size=20`));
  return (
    <section className="panel" aria-labelledby="traffic-h">
      <h2 id="traffic-h" className="mt-0">
        Recent traffic
      </h2>
      <ErrorAlert message={error} />
      <TablePanel
        rows={data?.data ?? null}
        headers={['Time', 'Source', 'Destination', 'Protocol', 'Bytes in / out?']}
        empty="This peer has reported no traffic yet. Agents report flows with POST /api/agent/flows."
        wrap="scroll"
        after={data && data.total_records > data.data.length && <p className="sub">The latest {data.data.length} of {data.total_records.toLocaleString('en-US')} flows.</p>}
      >
        {data?.data.map((f) => (
          <tr key={f.id} data-testid="traffic-row">
            <td>{when(f.window_start)}</td>
            <td>
              {f.source.name || f.source.address} <span className="sub mono">{f.source.address}</span>
            </td>
            <td>
              {f.destination.name || f.destination.address} <span className="sub mono">{f.destination.address}</span>
            </td>
            <td>{PROTOCOLS[f.protocol] ?? f.protocol}</td>
            <td className="hide-narrow">
              {f.rx_bytes.toLocaleString('en-US')} / {f.tx_bytes.toLocaleString('en-US')}
            </td>
          </tr>
        ))}
      </TablePanel>
    </section>
  );
}
