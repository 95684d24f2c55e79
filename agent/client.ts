// The agent's side of meshdeck's agent protocol (docs/agent-protocol.md): plain HTTP with fetch.
// Every failure becomes one of two errors: `Refused` (the server said no — a bad setup key, a
// deleted peer: stop with its message) or `Unreachable` (no answer, or a server error: try again).
import type { SyncBody } from '../lib/dialects/netbird/agent';
import type { MapDelta } from './map-delta';
import type { AgentMeta } from './system';

export type AgentMap = SyncBody;

export class Refused extends Error {}
export class Unreachable extends Error {}

/** The server's base URL, checked: http(s), no path beyond an optional prefix, no trailing slash. */
export function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Refused(`--server must be a URL like http://meshdeck.example:3000 (got "${text}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Refused(`--server must be an http:// or https:// URL (got "${text}")`);
  return url.toString().replace(/\/+$/, '');
}

/** Why a request got no answer, in words ("connection refused", "name not found", …). */
function whyUnreachable(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (e as { name?: string })?.name;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    TimeoutError: 'no answer in time',
    UND_ERR_SOCKET: 'connection closed',
    UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  };
  return (code && words[code]) || cause?.message || (e as Error)?.message || String(e);
}

async function call(server: string, path: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  try {
    return await fetch(`${server}${path}`, { ...init, signal: AbortSignal.any(signals) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new Unreachable(`${server}: ${whyUnreachable(e)}`);
  }
}

/** The server's message from an error answer (NetBird's `{message, code}`), or a hint when it is not meshdeck. */
async function messageOf(r: Response, server: string): Promise<string> {
  const text = await r.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (typeof body?.message === 'string') return body.message;
  } catch {
    // not JSON: not meshdeck's API
  }
  return r.status === 404 ? `no meshdeck agent API at ${server} (404)` : `HTTP ${r.status}`;
}

const temporary = (status: number) => status >= 500 || status === 429 || status === 408;

/** The server's message for a suspended account (lib/domain/accounts/suspension.ts ACCOUNT_SUSPENDED). */
export const ACCOUNT_SUSPENDED = 'account is suspended';

export interface Registration {
  setup_key: string;
  public_key: string;
  hostname: string;
  listen_port: number;
  meta: AgentMeta;
}

export async function register(server: string, body: Registration, signal?: AbortSignal) {
  const r = await call(server, '/api/agent/register', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, 30_000, signal);
  if (r.status === 201) return (await r.json()) as { peer: { id: string; name: string; ip: string }; peer_token: string };
  const message = await messageOf(r, server);
  if (temporary(r.status)) throw new Unreachable(`${server}: ${message}`);
  throw new Refused(`registration refused: ${message}`);
}

/** The map the agent holds: `version` is the server's token for it (`X-Meshdeck-Map`). */
export interface HeldMap {
  map: AgentMap;
  version: string;
}

/**
 * What the server answered: a full map, a delta against the held map, or `same` (304: the held map
 * is current for `serial`).
 */
export type SyncAnswer =
  | { kind: 'map'; map: AgentMap; version: string }
  | { kind: 'delta'; serial: number; delta: MapDelta; version: string }
  | { kind: 'same'; serial: number; version: string };

/**
 * One sync (docs/agent-protocol.md, "Deltas"). Holding a map, a long-poll of `waitSeconds` naming
 * its serial and version: the server answers when this peer's map changes or the wait ends.
 * Holding none (`held` null), the full map at once.
 */
export async function sync(server: string, token: string, held: HeldMap | null, waitSeconds: number, signal?: AbortSignal): Promise<SyncAnswer> {
  const query = held ? `?serial=${held.map.serial}&wait=${waitSeconds}&base=${encodeURIComponent(held.version)}` : '?base=';
  const r = await call(server, `/api/agent/sync${query}`, { headers: { Authorization: `Bearer ${token}` } }, (waitSeconds + 30) * 1000, signal);
  const version = r.headers.get('x-meshdeck-map') ?? '';
  if (r.status === 200) {
    const body = (await r.json()) as AgentMap | { serial: number; delta: MapDelta };
    return 'delta' in body ? { kind: 'delta', serial: body.serial, delta: body.delta, version } : { kind: 'map', map: body, version };
  }
  if (r.status === 304 && held) return { kind: 'same', serial: Number(r.headers.get('x-meshdeck-serial') ?? held.map.serial), version: version || held.version };
  const message = await messageOf(r, server);
  if (temporary(r.status)) throw new Unreachable(`${server}: ${message}`);
  // A suspended account is paused, not gone: keep the map applied and ask again (with backoff)
  // until an operator resumes it.
  if (r.status === 403 && message === ACCOUNT_SUSPENDED) throw new Unreachable(`${server}: ${message}; keeping the last map`);
  if (r.status === 401) throw new Refused(`the server no longer knows this peer (${message}): it was deleted or its token replaced; join again with a new --state-dir and a setup key`);
  throw new Refused(`the server refused the network map: ${message}`);
}

/**
 * Reports the system meta and listen port: true when taken, false when the peer may not report yet
 * (403: pending approval).
 */
export async function reportMeta(server: string, token: string, meta: AgentMeta, listenPort: number, signal?: AbortSignal): Promise<boolean> {
  const r = await call(server, '/api/agent/meta', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ meta, listen_port: listenPort }) }, 30_000, signal);
  if (r.ok || r.status === 403) {
    await r.body?.cancel();
    return r.ok;
  }
  const message = await messageOf(r, server);
  if (temporary(r.status)) throw new Unreachable(`${server}: ${message}`);
  if (r.status === 401) throw new Refused(`the server no longer knows this peer (${message}): it was deleted or its token replaced; join again with a new --state-dir and a setup key`);
  throw new Refused(`the server refused the system report: ${message}`);
}

/**
 * Sends flow events (POST /api/agent/flows). A peer that may not report (403: pending approval,
 * expired login) has them dropped; a report the server refuses as malformed too, with an error,
 * so that one bad batch does not block the ones after it.
 */
export async function reportFlows(server: string, token: string, events: unknown[], signal?: AbortSignal): Promise<void> {
  const r = await call(server, '/api/agent/flows', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ events }) }, 30_000, signal);
  if (r.ok || r.status === 403) {
    await r.body?.cancel();
    return;
  }
  const message = await messageOf(r, server);
  if (temporary(r.status)) throw new Unreachable(`${server}: ${message}`);
  if (r.status === 401) throw new Refused(`the server no longer knows this peer (${message})`);
  throw new Error(`the server refused a flow report: ${message}`);
}
