// What the agent reports about its machine (the protocol's `meta`): OS, kernel, agent version and
// the interface addresses — which posture checks read and which make the peer's endpoints. The
// mesh interface and loopback are left out. Watched processes (process checks) are not reported yet.
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces, release } from 'node:os';
import { join } from 'node:path';

export interface AgentMeta {
  os: string;
  os_version: string;
  kernel_version: string;
  version: string;
  network_addresses: { net_ip: string; mac?: string }[];
}

export const AGENT_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

function osVersion(): string {
  const file = '/etc/os-release';
  if (!existsSync(file)) return '';
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync(file, 'utf8'));
  return m?.[1] ?? '';
}

export function systemMeta(meshInterface: string): AgentMeta {
  const network_addresses: AgentMeta['network_addresses'] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === meshInterface) continue;
    for (const a of addrs ?? []) {
      if (a.internal || !a.cidr) continue;
      network_addresses.push(a.mac && a.mac !== '00:00:00:00:00:00' ? { net_ip: a.cidr, mac: a.mac } : { net_ip: a.cidr });
    }
  }
  return { os: 'linux', os_version: osVersion(), kernel_version: release(), version: AGENT_VERSION, network_addresses };
}
