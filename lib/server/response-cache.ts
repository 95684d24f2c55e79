// Serialized responses kept for a short time and dropped as soon as their version changes. Used for
// listings whose rows change rarely but are expensive to render (25,000 peers ≈ 20 MB of JSON).
// The version must cover every input that is not time-dependent; the TTL bounds the staleness of
// the rest (e.g. a peer's last_seen). Bounded in bytes; oldest entries go first.

interface Entry {
  version: string;
  body: string;
  expires: number;
}

const MAX_BYTES = 256 * 1024 * 1024;

class ResponseCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string, version: string, now = Date.now()): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || e.expires <= now) {
      this.delete(key);
      return undefined;
    }
    return e.body;
  }

  set(key: string, version: string, body: string, ttlMs: number, now = Date.now()) {
    this.delete(key);
    if (body.length * 2 > MAX_BYTES) return;
    this.entries.set(key, { version, body, expires: now + ttlMs });
    this.bytes += body.length * 2;
    for (const k of this.entries.keys()) {
      if (this.bytes <= MAX_BYTES) break;
      this.delete(k);
    }
  }

  private delete(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length * 2;
    this.entries.delete(key);
  }
}

const g = globalThis as unknown as { __meshdeckResponseCache?: ResponseCache };
export const responseCache = (g.__meshdeckResponseCache ??= new ResponseCache());
