// The meshdeck agent and test traffic inside the namespaces of a Lab: agents as real processes
// (`node --import tsx agent/main.ts`, the command `npm run agent` execs), TCP listeners, and
// connection attempts that report success or failure within a bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { exec, type CommandResult, type Lab, type Namespace } from './netns';
import { ROOT } from './server';

const AGENT = join(ROOT, 'agent/main.ts');

export class AgentProcess {
  private out = '';
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  constructor(readonly ns: Namespace, readonly child: ChildProcess) {
    child.stdout?.on('data', (d) => (this.out += d));
    child.stderr?.on('data', (d) => (this.out += d));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  output(): string {
    return this.out;
  }

  /** Waits until the agent's output matches (counting from `from` characters in). */
  async waitFor(pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.out.slice(from))) {
      if (this.child.exitCode !== null) throw new Error(`agent in ${this.ns.name} exited (${this.child.exitCode}) before ${pattern}:\n${this.out}`);
      if (Date.now() > deadline) throw new Error(`agent in ${this.ns.name}: no ${pattern} within ${timeoutMs} ms:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends the signal and waits for the exit (SIGKILL after 10 s). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: string | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      const r = await this.exited;
      clearTimeout(timer);
      return r;
    }
    return this.exited;
  }
}

export function agentArgs(ns: Namespace, stateDir: string, extra: string[] = []): string[] {
  return ['--state-dir', stateDir, '--interface', ns.wgName, ...extra];
}

/** Starts `up` in the namespace; it runs until stopped. */
export function startAgent(ns: Namespace, args: string[]): AgentProcess {
  const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '--import', 'tsx', AGENT, 'up', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new AgentProcess(ns, child);
}

/** Runs an agent command to its end (status, or an `up` expected to fail). */
export function runAgent(ns: Namespace, command: string, args: string[], timeoutMs = 30_000): Promise<CommandResult> {
  return exec('ip', ['netns', 'exec', ns.name, process.execPath, '--import', 'tsx', AGENT, command, ...args], timeoutMs);
}

export interface StatusJson {
  peer: { id: string; name: string; ip: string; ipv6: string };
  serial: number;
  peers: { id: string; name: string; ip: string; endpoint: string | null; latest_handshake: string | null }[];
}

export async function agentStatus(ns: Namespace, stateDir: string): Promise<StatusJson> {
  const r = await runAgent(ns, 'status', ['--state-dir', stateDir, '--json']);
  if (r.code !== 0) throw new Error(`status in ${ns.name} → ${r.code}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

const LISTENER = `
const net = require('node:net');
for (const port of process.argv.slice(1).map(Number)) {
  net.createServer((s) => { s.end('ok ' + port); s.on('error', () => {}); }).listen(port, '::');
}
process.stdout.write('listening\\n');
`;

/** TCP listeners on the given ports (all addresses) inside the namespace; they answer "ok <port>". */
export async function listen(ns: Namespace, ports: number[]): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '-e', LISTENER, ...ports.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`listener in ${ns.name} exited with ${code}`)));
  });
  return child;
}

const CONNECT = `
const net = require('node:net');
const [host, port, ms] = process.argv.slice(1);
const s = net.connect({ host, port: Number(port) });
const fail = (why) => { process.stdout.write(why); process.exit(1); };
s.setTimeout(Number(ms), () => fail('timeout'));
s.on('error', (e) => fail(e.code || e.message));
let got = '';
s.on('data', (d) => (got += d));
s.on('end', () => { process.stdout.write(got); process.exit(got.startsWith('ok') ? 0 : 1); });
`;

/** One TCP connection attempt from the namespace: true when the listener answered within `ms`. */
export async function connects(lab: Lab, from: Namespace, host: string, port: number, ms = 1500): Promise<boolean> {
  const r = await lab.exec(from, process.execPath, ['-e', CONNECT, host, String(port), String(ms)], ms + 5000);
  return r.code === 0;
}

/** One TCP connection attempt: what the listener answered, or null when it did not within `ms`. */
export async function answer(lab: Lab, from: Namespace, host: string, port: number, ms = 1500): Promise<string | null> {
  const r = await lab.exec(from, process.execPath, ['-e', CONNECT, host, String(port), String(ms)], ms + 5000);
  return r.code === 0 ? r.stdout : null;
}

/** Polls `check` until it returns `want` or `timeoutMs` passes; returns the time it took, or throws. */
export async function until(what: string, check: () => Promise<boolean>, want: boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if ((await check()) === want) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: still ${!want} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What a network test started, in the order it is undone: agents stopped (each removes its
 * interface and rules), listeners killed, namespaces and the server closed, folders removed.
 */
export async function tearDown(parts: { agents: Iterable<AgentProcess>; listeners: Iterable<ChildProcess>; lab?: Lab; own?: { close(): Promise<void> }; dirs: Iterable<string | undefined> }): Promise<void> {
  await Promise.all([...parts.agents].map((a) => a.stop()));
  for (const l of parts.listeners) l.kill('SIGKILL');
  await parts.lab?.close();
  await parts.own?.close();
  for (const d of parts.dirs) if (d) rmSync(d, { recursive: true, force: true });
}
