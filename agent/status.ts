// `status`: the map `up` applied last (status.json in the state folder) joined with WireGuard's
// live view of the interface (`wg show <if> dump`): each peer's current endpoint and latest
// handshake. Run it where `up` runs (same machine, same network namespace).
import { readState, readStatus } from './state';
import { run } from './run';
import { parseDump, type WgPeerState } from './wireguard';

export interface StatusJson {
  peer: { id: string; name: string; ip: string; ipv6: string };
  serial: number;
  peers: { id: string; name: string; ip: string; endpoint: string | null; latest_handshake: string | null }[];
}

/** Exit codes: 0 running, 1 no state, 3 joined but not running (no interface), as `systemctl status`. */
export async function status(stateDir: string, json: boolean, out: (line: string) => void): Promise<number> {
  const applied = readStatus(stateDir);
  if (!applied) {
    if (!readState(stateDir)) {
      out(`no meshdeck peer in ${stateDir}: join with \`up --server <url> --setup-key <key> --state-dir ${stateDir}\``);
      return 1;
    }
    out(`joined, but no map applied yet: is \`up --state-dir ${stateDir}\` running?`);
    return 3;
  }
  let live: WgPeerState[] | null = null;
  try {
    live = parseDump(await run('wg', ['show', applied.interface, 'dump']));
  } catch {
    // The interface is gone: `up` is not running. The applied map is still shown.
  }
  const byKey = new Map((live ?? []).map((p) => [p.publicKey, p]));
  const result: StatusJson = {
    peer: applied.peer,
    serial: applied.serial,
    peers: applied.peers.map((p) => {
      const w = byKey.get(p.public_key);
      return { id: p.id, name: p.name, ip: p.ip, endpoint: w?.endpoint ?? null, latest_handshake: w?.latestHandshake ? new Date(w.latestHandshake * 1000).toISOString() : null };
    }),
  };
  if (json) {
    out(JSON.stringify(result));
  } else {
    out(`peer ${result.peer.name} (${result.peer.id}) ${result.peer.ip}${result.peer.ipv6 ? ` ${result.peer.ipv6}` : ''}`);
    out(`map serial ${result.serial}, applied ${applied.applied_at}; interface ${applied.interface} ${live ? 'up' : 'DOWN (up is not running)'}`);
    for (const p of result.peers) {
      const hs = p.latest_handshake ? `handshake ${p.latest_handshake}` : 'no handshake';
      out(`  ${p.name.padEnd(24)} ${p.ip.padEnd(15)} ${(p.endpoint ?? '-').padEnd(24)} ${hs}`);
    }
  }
  return live ? 0 : 3;
}
