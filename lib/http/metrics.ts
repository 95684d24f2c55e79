// Request counts and latencies per route, exposed at GET /metrics in Prometheus text format.
// Kept in a process-wide global because Next.js bundles every route handler separately.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

interface Registry {
  requests: Map<string, number>;
  latency: Map<string, Series>;
  started: number;
}

const g = globalThis as unknown as { __meshdeckMetrics?: Registry };
const reg: Registry = (g.__meshdeckMetrics ??= { requests: new Map(), latency: new Map(), started: Date.now() });

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

// Labels are route patterns (lib/http/route.ts), a bounded set; this cap is the backstop should a
// pattern ever carry request data: past it, new label sets count under route="{other}" so no
// request can grow the registry (and /metrics, and memory) without bound.
export const MAX_SERIES = 2000;

export function observeRequest(method: string, pattern: string, status: number, seconds: number) {
  const key = (route: string) => `method="${esc(method)}",route="${esc(route)}"`;
  let latKey = key(pattern);
  let countKey = `${latKey},status="${status}"`;
  if (!reg.requests.has(countKey) && reg.requests.size >= MAX_SERIES) {
    latKey = key('{other}');
    countKey = `${latKey},status="${status}"`;
  }
  reg.requests.set(countKey, (reg.requests.get(countKey) ?? 0) + 1);
  let s = reg.latency.get(latKey);
  if (!s) reg.latency.set(latKey, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
  s.count++;
  s.sum += seconds;
  BUCKETS.forEach((b, i) => {
    if (seconds <= b) s.buckets[i]++;
  });
}

export function renderMetrics(): string {
  const out: string[] = [];
  out.push('# HELP meshdeck_http_requests_total HTTP requests handled, by route and status.');
  out.push('# TYPE meshdeck_http_requests_total counter');
  for (const [labels, n] of reg.requests) out.push(`meshdeck_http_requests_total{${labels}} ${n}`);
  out.push('# HELP meshdeck_http_request_duration_seconds Time to answer HTTP requests, by route.');
  out.push('# TYPE meshdeck_http_request_duration_seconds histogram');
  for (const [labels, s] of reg.latency) {
    BUCKETS.forEach((b, i) => out.push(`meshdeck_http_request_duration_seconds_bucket{${labels},le="${b}"} ${s.buckets[i]}`));
    out.push(`meshdeck_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
    out.push(`meshdeck_http_request_duration_seconds_sum{${labels}} ${s.sum}`);
    out.push(`meshdeck_http_request_duration_seconds_count{${labels}} ${s.count}`);
  }
  out.push('# HELP meshdeck_process_start_time_seconds Start time of the process since the Unix epoch.');
  out.push('# TYPE meshdeck_process_start_time_seconds gauge');
  out.push(`meshdeck_process_start_time_seconds ${Math.floor(reg.started / 1000)}`);
  const mem = process.memoryUsage();
  out.push('# HELP meshdeck_process_resident_memory_bytes Resident memory size in bytes.');
  out.push('# TYPE meshdeck_process_resident_memory_bytes gauge');
  out.push(`meshdeck_process_resident_memory_bytes ${mem.rss}`);
  return out.join('\n') + '\n';
}
