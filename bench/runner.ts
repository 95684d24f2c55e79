// Runs the chosen benchmarks one after the other and keeps going past a failure, so that one run
// (CI's `--smoke`) names every benchmark that throws, gets an unexpected answer (bench/lib.ts's
// request), overruns its time limit or leaves the server dead or deaf.
import type { RunningServer } from '../tests/support/server';
import type { Benchmark, BenchContext } from './context';
import { printFigure, request } from './lib';

/** Why the server cannot serve the next benchmark, or null when /api/health answers. */
async function serverProblem(server: RunningServer): Promise<string | null> {
  const health = () => request(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.arrayBuffer());
  try {
    // Retried once: the client's kept-alive socket may have been closed by the server meanwhile.
    await health().catch(health);
    return null;
  } catch (e) {
    // A killed server's exit is noticed a moment after its sockets close.
    await new Promise((r) => setTimeout(r, 1000));
    const exited = server.exited();
    return exited ? `the server died (${exited})` : `the server does not answer /api/health (${(e as Error).message})`;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!ms) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Returns the names of the failed benchmarks (one not run because the server is down counts). */
export async function runBenchmarks(chosen: Benchmark[], ctx: BenchContext, opts: { label: string; server?: RunningServer }): Promise<string[]> {
  const failed: string[] = [];
  let down: string | null = null;
  for (const b of chosen) {
    console.log(`\n# ${b.name}: ${b.about}`);
    if (down && !b.inProcess) {
      console.error(`${opts.label}: FAILED ${b.name}: not run, ${down}`);
      failed.push(b.name);
      continue;
    }
    const server = b.inProcess ? undefined : opts.server;
    try {
      for (const f of await withTimeout(b.run(ctx), ctx.sizes.timeoutMs, b.name)) printFigure(f);
      if (server && (down = await serverProblem(server))) throw new Error(`after its run, ${down}`);
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause;
      const known = down;
      if (server && !down) down = await serverProblem(server);
      const after = down && !known ? `; ${down}` : '';
      console.error(`${opts.label}: FAILED ${b.name}: ${(e as Error).message}${cause ? ` (${String(cause)})` : ''}${after}`);
      if (server) console.error(`--- server output (last 3000 characters) ---\n${server.output().slice(-3000)}\n---`);
      failed.push(b.name);
    }
  }
  return failed;
}
