// A probe inside one network namespace of the data-plane benchmark: TCP listeners (answering
// "ok <port>", as tests/support/mesh-agents.ts's listen does) and, on request, a watch of another
// peer's mesh address that finds when a port opens and another closes — on the machine, through
// the mesh, with fresh connection attempts every ATTEMPT_EVERY_MS. One long-lived process per
// namespace: a process per attempt would cost more CPU than the agents being measured.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Namespace } from '../tests/support/netns';

/** How often a watch starts a connection attempt per port: the resolution of the figures. */
export const ATTEMPT_EVERY_MS = 50;
/** A dropped SYN is never answered: an attempt without an answer by then counts as closed. */
const ATTEMPT_MS = 300;
/** Failed attempts in a row (in the order they started) that make a port closed. */
const CLOSED_AFTER = 3;

// Plain JavaScript for `node -e`. Times are Date.now() of the attempt's start: the clock of the
// same machine as the benchmark's. A watch answers one JSON line: { id, opened, closed } (the start
// of the first successful attempt on `open`; the start of the first of CLOSED_AFTER failures in a
// row on `close`), or { id, error }. `close` is tried only once `open` let a connection through:
// every attempt leaves a conntrack entry for minutes, which the agents read and report every 5 s,
// so attempts that tell nothing new would load the agents being measured. (A port found closed
// right away closed at the latest when the other opened.)
const PROBE = `
const net = require('node:net');
for (const port of process.argv.slice(1).map(Number)) {
  net.createServer((s) => { s.end('ok ' + port); s.on('error', () => {}); }).listen(port, '::');
}
const attempt = (host, port) => new Promise((resolve) => {
  const s = net.connect({ host, port });
  let got = '';
  const done = (ok) => { s.destroy(); resolve(ok); };
  s.setTimeout(${ATTEMPT_MS}, () => done(false));
  s.on('error', () => done(false));
  s.on('data', (d) => (got += d));
  s.on('end', () => done(got.startsWith('ok')));
});
function closedAt(tries) {
  // The earliest start from which every settled attempt failed, CLOSED_AFTER of them at least.
  let run = [];
  for (const t of tries) {
    if (t.ok === null) break;
    run = t.ok ? [] : [...run, t];
  }
  return run.length >= ${CLOSED_AFTER} ? run[0].at : null;
}
function watch(c) {
  const opens = [];
  const closes = [];
  let opened = null;
  let closed = c.close == null ? -1 : null;
  const deadline = Date.now() + c.timeoutMs;
  const timer = setInterval(() => {
    const at = Date.now();
    if (opened === null) { const t = { at, ok: null }; opens.push(t); attempt(c.host, c.open).then((ok) => { t.ok = ok; }); }
    else if (closed === null) { const t = { at, ok: null }; closes.push(t); attempt(c.host, c.close).then((ok) => { t.ok = ok; }); }
    const first = opens.find((t) => t.ok);
    // An earlier attempt still pending might succeed yet: wait for them before naming the first.
    if (first && opens.every((t) => t.at >= first.at || t.ok !== null)) opened = first.at;
    if (closed === null) closed = closedAt(closes);
    if ((opened !== null && closed !== null) || at > deadline) {
      clearInterval(timer);
      const answer = opened !== null && closed !== null ? { id: c.id, opened, closed: c.close == null ? null : closed }
        : { id: c.id, error: opened === null ? 'port ' + c.open + ' did not open' : 'port ' + c.close + ' did not close' };
      process.stdout.write(JSON.stringify(answer) + '\\n');
    }
  }, ${ATTEMPT_EVERY_MS});
}
let input = '';
process.stdin.on('data', (d) => {
  input += d;
  for (let i; (i = input.indexOf('\\n')) >= 0; input = input.slice(i + 1)) watch(JSON.parse(input.slice(0, i)));
});
process.stdout.write('listening\\n');
`;

export interface Watched {
  /** When the port to open first let a connection through (ms since the epoch). */
  opened: number;
  /** When the port to close stopped letting connections through, or null when none was named. */
  closed: number | null;
}

export class MeshProbe {
  private out = '';
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(w: Watched): void; reject(e: Error): void }>();

  private constructor(
    readonly ns: Namespace,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d) => {
      this.out += d;
      for (let i; (i = this.out.indexOf('\n')) >= 0; this.out = this.out.slice(i + 1)) {
        const line = this.out.slice(0, i);
        if (!line.startsWith('{')) continue;
        const a = JSON.parse(line) as { id: number; opened: number; closed: number | null; error?: string };
        const w = this.waiting.get(a.id);
        this.waiting.delete(a.id);
        if (a.error) w?.reject(new Error(`probe in ${this.ns.name}: ${a.error}`));
        else w?.resolve({ opened: a.opened, closed: a.closed });
      }
    });
    child.once('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`probe in ${this.ns.name} exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Starts the probe in the namespace with listeners on `ports`. */
  static async start(ns: Namespace, ports: number[]): Promise<MeshProbe> {
    const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '-e', PROBE, ...ports.map(String)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const probe = new MeshProbe(ns, child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`probe in ${ns.name} exited with ${code}`)));
    });
    return probe;
  }

  /** Watches `host`: resolves when `open` lets connections through and `close` (if named) no longer does. */
  watch(host: string, open: number, close: number | null, timeoutMs: number): Promise<Watched> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin?.write(`${JSON.stringify({ id, host, open, close, timeoutMs })}\n`);
    });
  }
}
