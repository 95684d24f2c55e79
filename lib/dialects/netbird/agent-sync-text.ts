// The agent's network map as JSON text. Its two long lists — the peers it may reach and their DNS
// records — are joined from texts cached per peer row (row-text.ts); the rest is serialized per
// request. The text equals JSON.stringify of the SyncBody (tests/unit/agent-sync-text.test.ts).
import { randomUUID } from 'node:crypto';
import type { Account, Peer } from '../../generated/sqlite/client';
import type { AgentDnsConfig } from '../../domain/tailnet-dns';
import { toAgentDns, toRemotePeer, type SyncBody } from './agent';
import { fqdn } from './peers';
import { RowTexts, splice } from './row-text';

type View = Pick<Account, 'dnsDomain'>;
const byDomain = (a: View) => a.dnsDomain;
const remotePeers = new RowTexts<Peer, View>(toRemotePeer, byDomain);
const records = new RowTexts<Peer, View>((p, a) => ({ name: fqdn(p, a), type: 'A', value: p.ip }), byDomain);

const PEERS = `\u0000${randomUUID()}p`;
const RECORDS = `\u0000${randomUUID()}r`;

export function syncText(body: Omit<SyncBody, 'peers' | 'dns'>, peers: readonly Peer[], dns: AgentDnsConfig, account: View): string {
  const wire = { ...body, peers: PEERS, dns: { ...toAgentDns(dns, [], account), records: RECORDS } };
  // Key order as SyncBody builds it: serial, approval_required, peer, peers, packet_filter, routes, dns, ssh_policy.
  const ordered = { serial: wire.serial, approval_required: wire.approval_required, peer: wire.peer, peers: wire.peers, packet_filter: wire.packet_filter, routes: wire.routes, dns: wire.dns, ssh_policy: wire.ssh_policy };
  const json = JSON.stringify(ordered);
  return splice(splice(json, PEERS, remotePeers.array(peers, account)), RECORDS, dns.enabled ? records.array(peers, account) : '[]');
}
