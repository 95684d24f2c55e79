// Measuring helpers for `npm run bench`: run a request N times at a given concurrency and report
// the median and 95th percentile latency. Loops are bounded by count and only hit 127.0.0.1.
import http from 'node:http';

export interface Figure {
  name: string;
  median: number;
  p95: number;
  unit: string;
  extra?: string;
}

/**
 * fetch that throws on any status but `expect` (naming the request and the start of the answer):
 * a figure timed over error answers measures nothing, and `--smoke` must fail on a 5xx.
 */
export async function request(url: string, init: RequestInit = {}, expect = 200): Promise<Response> {
  const r = await fetch(url, init);
  if (r.status !== expect) {
    const text = (await r.text()).trimStart();
    throw new Error(`${init.method ?? 'GET'} ${url.replace(/^https?:\/\/[^/]+/, '')}: HTTP ${r.status} ${text.startsWith('<') ? '(an HTML page)' : text.slice(0, 300)}`);
  }
  return r;
}

/**
 * GET with node:http, the whole body read: what curl or a Go client sees. (fetch — undici — needs
 * 50–150 ms more than the server to take in a 22 MB listing, which would be timed as the server's.)
 */
export function httpGet(url: string, headers: Record<string, string> = {}, expect = 200, keep = true): Promise<{ status: number; bytes: number; body: Buffer; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Connection: 'close', ...headers } }, (res) => {
      // `keep` false: the body is counted, not kept (many clients at once on the server's machine).
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (keep || res.statusCode !== expect) chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== expect) {
          reject(new Error(`GET ${url.replace(/^https?:\/\/[^/]+/, '')}: HTTP ${res.statusCode} ${body.toString().slice(0, 300)}`));
          return;
        }
        resolve({ status: res.statusCode!, bytes, body, ms: performance.now() - started });
      });
    });
    req.on('error', reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Calls `fn` `total` times with `concurrency` calls in flight; returns per-call latencies in ms. */
export async function measure(fn: () => Promise<void>, total: number, concurrency: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      const t = performance.now();
      await fn();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

export async function latencyFigure(name: string, fn: () => Promise<void>, opts: { total: number; concurrency: number; warmup?: number }): Promise<Figure> {
  await measure(fn, opts.warmup ?? Math.min(200, opts.total), opts.concurrency);
  const { latencies, seconds } = await measure(fn, opts.total, opts.concurrency);
  return {
    name,
    median: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    unit: 'ms',
    extra: `${Math.round(opts.total / seconds)} req/s, n=${opts.total}`,
  };
}

/**
 * The price right after a change: `change` (untimed) then `timed`, `total` times one after another.
 * Steady figures time cache hits; this one is what users of a live network meet.
 */
export async function afterChangeFigure(name: string, change: () => Promise<void>, timed: () => Promise<void>, total: number): Promise<Figure> {
  const latencies: number[] = [];
  await change();
  await timed();
  for (let i = 0; i < total; i++) {
    await change();
    const t = performance.now();
    await timed();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  return { name, median: percentile(latencies, 50), p95: percentile(latencies, 95), unit: 'ms', extra: `each after a change through the API, n=${total}` };
}

export function printFigure(f: Figure) {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  console.log(`${f.name.padEnd(44)} median ${fmt(f.median).padStart(8)} ${f.unit}   p95 ${fmt(f.p95).padStart(8)} ${f.unit}${f.extra ? `   (${f.extra})` : ''}`);
}
