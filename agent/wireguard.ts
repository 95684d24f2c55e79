// The mesh interface: kernel WireGuard when the kernel has it, else Debian's userspace
// `wireguard-go` (a child process of the agent, needs /dev/net/tun), configured with `wg` and `ip`.
// The agent owns the interface: it creates it fresh at start (removing a leftover of a crashed
// run), and deletes it at exit, which also ends wireguard-go and removes its routes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyOf } from './keys';
import { run, tryRun } from './run';

export const KEEPALIVE_SECONDS = 25;
/**
 * How long the side with the greater public key waits before its first keepalive to a new peer.
 * A peer added with a keepalive sends one (so a handshake) at once; when both ends add each other
 * at the same moment — a peer approved again, a policy that opens both ways — their two
 * handshake initiations cross, each end answers the other's and drops the answer to its own, and
 * WireGuard only tries again after 5 s (REKEY_TIMEOUT). One end waiting breaks the tie; the wait
 * is what a restored tunnel costs when the other end's first initiation came too early (longer
 * than a round trip, so the two do not cross).
 */
export const KEEPALIVE_TIE_BREAK_MS = 400;

export interface WgPeer {
  publicKey: string;
  allowedIps: string[];
  /** Set only when the agent wants WireGuard to try this endpoint now. */
  endpoint?: string;
}

/** One peer in `wg show <if> dump`. */
export interface WgPeerState {
  publicKey: string;
  endpoint: string | null;
  allowedIps: string[];
  /** Unix seconds; 0 = never. */
  latestHandshake: number;
  rxBytes: number;
  txBytes: number;
}

export function isInterfaceName(name: string): boolean {
  return /^[A-Za-z0-9_=+.-]{1,15}$/.test(name) && name !== '.' && name !== '..';
}

export class MeshInterface {
  private userspace: ChildProcess | null = null;
  private routes = new Set<string>();
  /** Public keys of the peers WireGuard has (as last set), to tell new ones. */
  private peerKeys = new Set<string>();
  private readonly keepaliveTimers = new Set<NodeJS.Timeout>();
  /** Called when wireguard-go ends while the interface should exist. */
  onLost: (reason: string) => void = () => {};

  /** `privateDir`: a folder only root can read (the state folder), for files that hold the private key. */
  constructor(readonly name: string, private readonly privateDir: string) {}

  /**
   * Runs a wg command that reads a file holding the private key. Not /dev/stdin: Node gives a child
   * a socket, not a pipe, as its standard input, and wg cannot open that by name.
   */
  private async withSecretFile(text: string, use: (path: string) => Promise<unknown>): Promise<void> {
    const path = join(this.privateDir, `.${this.name}.wg.tmp`);
    writeFileSync(path, text, { mode: 0o600 });
    try {
      await use(path);
    } finally {
      rmSync(path, { force: true });
    }
  }

  /** Creates the interface; `kernel` or `wireguard-go` tells which implementation runs it. */
  async create(): Promise<'kernel' | 'wireguard-go'> {
    await this.remove();
    if (await tryRun('ip', ['link', 'add', 'dev', this.name, 'type', 'wireguard'])) return 'kernel';
    if (!existsSync('/dev/net/tun')) throw new Error('no WireGuard in the kernel and no /dev/net/tun for wireguard-go');
    // In the foreground (a child of the agent), so that it ends with the agent.
    const child = spawn('wireguard-go', [this.name], { env: { ...process.env, WG_PROCESS_FOREGROUND: '1', LOG_LEVEL: 'error' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const failed = new Promise<never>((_, reject) => {
      child.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ENOENT' ? 'no WireGuard in the kernel and wireguard-go is not installed' : `wireguard-go: ${e.message}`)));
      child.on('exit', (code) => reject(new Error(`wireguard-go exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`)));
    });
    failed.catch(() => {});
    const socket = `/var/run/wireguard/${this.name}.sock`;
    const deadline = Date.now() + 10_000;
    while (!(existsSync(socket) && (await tryRun('ip', ['link', 'show', 'dev', this.name])))) {
      await Promise.race([failed, new Promise((r) => setTimeout(r, 50))]);
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`wireguard-go did not create ${this.name} within 10 s`);
      }
    }
    this.userspace = child;
    child.on('exit', () => {
      if (this.userspace === child) {
        this.userspace = null;
        this.onLost(`wireguard-go ended: ${stderr.trim().split('\n').pop() ?? 'no message'}`);
      }
    });
    return 'wireguard-go';
  }

  /** Key, port, mesh addresses, up. An IPv6 address the machine refuses is left out (IPv4 works on). */
  async configure(privateKey: string, listenPort: number, ip: string, ipv6: string): Promise<string[]> {
    const warnings: string[] = [];
    await this.withSecretFile(`${privateKey}\n`, (path) => run('wg', ['set', this.name, 'private-key', path, 'listen-port', String(listenPort)]));
    await run('ip', ['address', 'add', `${ip}/32`, 'dev', this.name]);
    if (ipv6 && !(await tryRun('ip', ['-6', 'address', 'add', `${ipv6}/128`, 'dev', this.name]))) {
      warnings.push(`could not add the mesh IPv6 address ${ipv6} (IPv6 disabled?); IPv4 only`);
    }
    await run('ip', ['link', 'set', 'dev', this.name, 'mtu', '1420', 'up']);
    return warnings;
  }

  /** The peer's mesh address changed (an admin moved it): the interface takes the new one. */
  async readdress(from: { ip: string; ipv6: string }, to: { ip: string; ipv6: string }): Promise<void> {
    if (from.ip !== to.ip) {
      await run('ip', ['address', 'add', `${to.ip}/32`, 'dev', this.name]);
      await tryRun('ip', ['address', 'del', `${from.ip}/32`, 'dev', this.name]);
    }
    if (from.ipv6 !== to.ipv6) {
      if (from.ipv6) await tryRun('ip', ['-6', 'address', 'del', `${from.ipv6}/128`, 'dev', this.name]);
      if (to.ipv6) await tryRun('ip', ['-6', 'address', 'add', `${to.ipv6}/128`, 'dev', this.name]);
    }
  }

  /**
   * Makes WireGuard's peers exactly `peers` (others are removed) with `wg syncconf`, which leaves
   * unchanged peers' sessions alone, then routes each allowed IP through the interface.
   */
  async setPeers(privateKey: string, listenPort: number, peers: readonly WgPeer[]): Promise<void> {
    const conf = [`[Interface]`, `PrivateKey = ${privateKey}`, `ListenPort = ${listenPort}`, ''];
    const own = publicKeyOf(privateKey);
    // New peers whose key is smaller than ours get their keepalive (and so our handshake) a moment later.
    const later = peers.filter((p) => !this.peerKeys.has(p.publicKey) && p.publicKey < own).map((p) => p.publicKey);
    for (const p of peers) {
      const keepalive = later.includes(p.publicKey) ? 0 : KEEPALIVE_SECONDS;
      conf.push('[Peer]', `PublicKey = ${p.publicKey}`, `AllowedIPs = ${p.allowedIps.join(', ')}`, `PersistentKeepalive = ${keepalive}`);
      if (p.endpoint) conf.push(`Endpoint = ${p.endpoint}`);
      conf.push('');
    }
    await this.withSecretFile(conf.join('\n'), (path) => run('wg', ['syncconf', this.name, path]));
    this.peerKeys = new Set(peers.map((p) => p.publicKey));
    if (later.length) {
      const timer = setTimeout(() => {
        this.keepaliveTimers.delete(timer);
        for (const key of later) {
          if (this.peerKeys.has(key)) void tryRun('wg', ['set', this.name, 'peer', key, 'persistent-keepalive', String(KEEPALIVE_SECONDS)]);
        }
      }, KEEPALIVE_TIE_BREAK_MS);
      this.keepaliveTimers.add(timer);
    }
    const wanted = new Set(peers.flatMap((p) => p.allowedIps));
    for (const r of wanted) {
      if (this.routes.has(r)) continue;
      await run('ip', [r.includes(':') ? '-6' : '-4', 'route', 'replace', r, 'dev', this.name]);
      this.routes.add(r);
    }
    for (const r of [...this.routes]) {
      if (wanted.has(r)) continue;
      await tryRun('ip', [r.includes(':') ? '-6' : '-4', 'route', 'del', r, 'dev', this.name]);
      this.routes.delete(r);
    }
  }

  /** Points a peer at another endpoint (trying the next one while no handshake happens). */
  async setEndpoint(publicKey: string, endpoint: string): Promise<void> {
    await run('wg', ['set', this.name, 'peer', publicKey, 'endpoint', endpoint]);
  }

  async peers(): Promise<WgPeerState[]> {
    return parseDump(await run('wg', ['show', this.name, 'dump']));
  }

  /** Deletes the interface (its addresses and routes go with it; wireguard-go then exits). */
  async remove(): Promise<void> {
    const child = this.userspace;
    this.userspace = null;
    await tryRun('ip', ['link', 'del', 'dev', this.name]);
    this.routes.clear();
    this.peerKeys.clear();
    for (const t of this.keepaliveTimers) clearTimeout(t);
    this.keepaliveTimers.clear();
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.kill('SIGTERM');
      await gone;
      clearTimeout(timer);
    }
  }
}

/** Parses `wg show <if> dump`: the interface line, then one tab-separated line per peer. */
export function parseDump(text: string): WgPeerState[] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [publicKey, , endpoint, allowed, handshake, rx, tx] = line.split('\t');
      return {
        publicKey,
        endpoint: endpoint && endpoint !== '(none)' ? endpoint : null,
        allowedIps: allowed && allowed !== '(none)' ? allowed.split(',') : [],
        latestHandshake: Number(handshake) || 0,
        rxBytes: Number(rx) || 0,
        txBytes: Number(tx) || 0,
      };
    });
}

export async function interfaceExists(name: string): Promise<boolean> {
  return tryRun('ip', ['link', 'show', 'dev', name]);
}
