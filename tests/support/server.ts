// Starts the real production server (`next start`) on a free port against a given database.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  /** The server process's id (benchmarks read its memory from /proc). */
  pid: number;
  output: () => string;
  /** How the process ended ("exit code 1", "signal SIGKILL"), or null while it runs. */
  exited: () => string | null;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL (no shutdown of any kind) and waits for it to be gone. */
  kill9(): Promise<void>;
}

/**
 * `healthy`: which /api/health status means the server is up (200 unless a test says otherwise).
 * `host`: the address to listen on (default loopback; network tests use one their namespaces reach).
 * `port`: the port (default a free one), e.g. to start a server again where its clients expect it.
 */
export async function startServer(env: Record<string, string>, opts: { healthy?: (status: number) => boolean; host?: string; port?: number } = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, '.next/BUILD_ID'))) {
    throw new Error('no production build: run `npm run build` first (npm test does it for you)');
  }
  const port = opts.port ?? (await freePort());
  const host = opts.host ?? '127.0.0.1';
  let out = '';
  // MESHDECK_SERVER_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops (benchmarks).
  const prof = process.env.MESHDECK_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MESHDECK_SERVER_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', host], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const baseUrl = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (opts.healthy ? opts.healthy(r.status) : r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    baseUrl,
    port,
    output: () => out,
    exited: () => (child.signalCode ? `signal ${child.signalCode}` : child.exitCode !== null ? `exit code ${child.exitCode}` : null),
    kill9: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        // A process killed by a signal has no exit code, and its 'exit' event has passed already.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
