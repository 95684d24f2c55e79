// A small in-process sliding-window limiter (per key, e.g. client IP). It complements the
// per-credential lockout in lib/domain/login.ts, which lives in the database.
interface Window {
  hits: number[];
}

const g = globalThis as unknown as { __meshdeckLimits?: Map<string, Window> };
const windows = (g.__meshdeckLimits ??= new Map());

/** Failed sign-ins allowed per key (client address, user name) in SIGN_IN_WINDOW_MS: console and Ziti alike. */
export const SIGN_IN_FAILURES = 20;
export const SIGN_IN_WINDOW_MS = 10 * 60_000;

/** Returns 0 when allowed (and counts the hit), or the seconds to wait. */
export function hit(key: string, limit: number, windowMs: number, now = Date.now()): number {
  const w = windows.get(key) ?? { hits: [] };
  w.hits = w.hits.filter((t: number) => now - t < windowMs);
  if (w.hits.length >= limit) return Math.ceil((w.hits[0] + windowMs - now) / 1000);
  w.hits.push(now);
  windows.set(key, w);
  if (windows.size > 10_000) for (const [k, v] of windows) if (!v.hits.some((t: number) => now - t < windowMs)) windows.delete(k);
  return 0;
}

/** The seconds to wait when `key` already has `limit` hits in the window (0 otherwise); counts nothing. */
export function waitFor(key: string, limit: number, windowMs: number, now = Date.now()): number {
  const hits = (windows.get(key)?.hits ?? []).filter((t: number) => now - t < windowMs);
  return hits.length >= limit ? Math.ceil((hits[0] + windowMs - now) / 1000) : 0;
}

export function forget(key: string) {
  windows.delete(key);
}
