// What the agent reports about its machine (the protocol's `meta`): OS, kernel, agent version, the
// interface addresses — which posture checks read and which make the peer's endpoints; the mesh
// interface and loopback are left out — and the watched files (processes.ts).
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces, release } from 'node:os';
import { join } from 'node:path';
import { watchFiles, type FileReport } from './processes';

export interface AgentMeta {
  os: string;
  os_version: string;
  kernel_version: string;
  version: string;
  network_addresses: { net_ip: string; mac?: string }[];
  files: FileReport[];
}

// Defined by scripts/build-agent.mjs in the single-file build, which has no package.json beside it.
declare const MESHDECK_AGENT_VERSION: string | undefined;

export const AGENT_VERSION: string = (() => {
  if (typeof MESHDECK_AGENT_VERSION === 'string') return MESHDECK_AGENT_VERSION;
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

/** `watched`: the map's `watch_files` (none before the first map). */
export function systemMeta(meshInterface: string, watched: readonly string[] = []): AgentMeta {
  const network_addresses: AgentMeta['network_addresses'] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === meshInterface) continue;
    for (const a of addrs ?? []) {
      if (a.internal || !a.cidr) continue;
      network_addresses.push(a.mac && a.mac !== '00:00:00:00:00:00' ? { net_ip: a.cidr, mac: a.mac } : { net_ip: a.cidr });
    }
  }
  return { os: 'linux', os_version: osVersion(), kernel_version: release(), version: AGENT_VERSION, network_addresses, files: watchFiles(watched) };
}
