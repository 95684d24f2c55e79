// A small network of this machine's own for the network tests: one bridge in the host namespace
// with an address the server listens on, and network namespaces hanging off it through veth pairs,
// all in 198.18.N.0/24 (RFC 2544 test range; no route leads anywhere else). Names start with a
// prefix unique to the test file and process (`mdt<pid><letter>`), so runs and files never collide —
// also for wireguard-go, whose control sockets every namespace shares. `close()` removes all of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where wireguard-go keeps its control sockets (one directory for all namespaces). */
const WG_SOCKETS = '/var/run/wireguard';

export interface Namespace {
  name: string;
  /** The namespace's address on the bridge. */
  ip: string;
  /** A WireGuard interface name unique on this machine, for the agent in this namespace. */
  wgName: string;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (bounded by `timeoutMs`), never throwing on a non-zero exit. */
export function exec(cmd: string, args: string[], timeoutMs = 20_000, input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/** Like exec, but a non-zero exit is an error naming the command and its message. */
export async function must(cmd: string, args: string[], input?: string): Promise<string> {
  const r = await exec(cmd, args, 20_000, input);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Whether this machine can run the network tests: root, namespaces, wg, wireguard-go or kernel module, nft. */
export function networkTestsPossible(): { ok: boolean; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'needs root' };
  for (const tool of ['ip', 'wg', 'nft']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return { ok: false, why: `${tool} not installed` };
  }
  const probe = `mdtprobe${process.pid}`;
  if (spawnSync('ip', ['netns', 'add', probe]).status !== 0) return { ok: false, why: 'cannot create network namespaces' };
  const kernelWg = spawnSync('ip', ['netns', 'exec', probe, 'ip', 'link', 'add', 'wgprobe', 'type', 'wireguard']).status === 0;
  spawnSync('ip', ['netns', 'del', probe]);
  if (!kernelWg && spawnSync('sh', ['-c', 'command -v wireguard-go']).status !== 0) return { ok: false, why: 'no WireGuard kernel module and no wireguard-go' };
  return { ok: true, why: '' };
}

export class Lab {
  readonly prefix: string;
  readonly bridge: string;
  readonly subnet: string;
  readonly hostIp: string;
  private readonly spaces: Namespace[] = [];

  private constructor(letter: string, third: number) {
    this.prefix = `mdt${process.pid}${letter}`;
    this.bridge = `${this.prefix}br`;
    this.subnet = `198.18.${third}`;
    this.hostIp = `${this.subnet}.1`;
  }

  /** `letter`: one per test file, so two files of one process never share names. */
  static async create(letter: string): Promise<Lab> {
    const used = await must('ip', ['-4', '-o', 'addr', 'show']);
    let third = 10 + (process.pid % 200);
    while (used.includes(`198.18.${third}.`)) third = third >= 250 ? 10 : third + 1;
    const lab = new Lab(letter, third);
    await lab.removeLeftovers();
    await must('ip', ['link', 'add', 'name', lab.bridge, 'type', 'bridge']);
    await must('ip', ['address', 'add', `${lab.hostIp}/24`, 'dev', lab.bridge]);
    await must('ip', ['link', 'set', 'dev', lab.bridge, 'up']);
    return lab;
  }

  get namespaces(): readonly Namespace[] {
    return this.spaces;
  }

  async addNamespace(label: string): Promise<Namespace> {
    const i = this.spaces.length + 1;
    const ns: Namespace = { name: `${this.prefix}-${label}`, ip: `${this.subnet}.${10 + i}`, wgName: `${this.prefix}w${i}` };
    const hostSide = `${this.prefix}v${i}`;
    await must('ip', ['netns', 'add', ns.name]);
    this.spaces.push(ns);
    await must('ip', ['link', 'add', 'name', hostSide, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.name]);
    await must('ip', ['link', 'set', 'dev', hostSide, 'master', this.bridge, 'up']);
    await this.run(ns, 'ip', ['address', 'add', `${ns.ip}/24`, 'dev', 'eth0']);
    await this.run(ns, 'ip', ['link', 'set', 'dev', 'eth0', 'up']);
    await this.run(ns, 'ip', ['link', 'set', 'dev', 'lo', 'up']);
    return ns;
  }

  /** Runs a command inside a namespace; a non-zero exit is an error. */
  run(ns: Namespace, cmd: string, args: string[], input?: string): Promise<string> {
    return must('ip', ['netns', 'exec', ns.name, cmd, ...args], input);
  }

  exec(ns: Namespace, cmd: string, args: string[], timeoutMs = 20_000): Promise<CommandResult> {
    return exec('ip', ['netns', 'exec', ns.name, cmd, ...args], timeoutMs);
  }

  /** Removes the namespaces (their interfaces and processes' sockets with them) and the bridge. */
  async close(): Promise<void> {
    await this.removeLeftovers();
  }

  /**
   * The same as close(), synchronously: for a process 'exit' or signal handler, when a run is cut
   * short (a benchmark over its time limit) and awaiting close() is no longer possible.
   */
  closeSync(): void {
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { timeout: 10_000 }).stdout?.toString() ?? '';
    for (const name of run('ip', ['netns', 'list']).split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${this.prefix}-`))) {
      for (const pid of run('ip', ['netns', 'pids', name]).split('\n').filter(Boolean)) spawnSync('kill', ['-9', pid]);
      run('ip', ['netns', 'del', name]);
    }
    run('ip', ['link', 'del', 'dev', this.bridge]);
    for (const m of run('ip', ['-o', 'link', 'show']).matchAll(new RegExp(`^\\d+: (${this.prefix}v\\d+)@`, 'gm'))) run('ip', ['link', 'del', 'dev', m[1]]);
    if (existsSync(WG_SOCKETS)) for (const f of readdirSync(WG_SOCKETS)) if (f.startsWith(`${this.prefix}w`)) rmSync(join(WG_SOCKETS, f), { force: true });
    this.spaces.length = 0;
  }

  /** Everything with this lab's prefix, also from an earlier run of the same pid that died. */
  private async removeLeftovers(): Promise<void> {
    const spaces = (await exec('ip', ['netns', 'list'])).stdout.split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${this.prefix}-`));
    for (const name of spaces) {
      // Processes still inside (listeners, agents) would keep the namespace's sockets alive.
      const pids = (await exec('ip', ['netns', 'pids', name])).stdout.split('\n').filter(Boolean);
      for (const pid of pids) spawnSync('kill', ['-9', pid]);
      await exec('ip', ['netns', 'del', name]);
    }
    await exec('ip', ['link', 'del', 'dev', this.bridge]);
    const links = (await exec('ip', ['-o', 'link', 'show'])).stdout;
    for (const m of links.matchAll(new RegExp(`^\\d+: (${this.prefix}v\\d+)@`, 'gm'))) await exec('ip', ['link', 'del', 'dev', m[1]]);
    // wireguard-go killed with its namespace leaves its control socket behind.
    if (existsSync(WG_SOCKETS)) for (const f of readdirSync(WG_SOCKETS)) if (f.startsWith(`${this.prefix}w`)) rmSync(join(WG_SOCKETS, f), { force: true });
    this.spaces.length = 0;
  }
}
