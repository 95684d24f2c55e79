// What the agent keeps in its state folder: `state.json` (private key, peer token, peer id; mode
// 0600, it is the machine's credential) and `status.json` (the map last applied, for `status`).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AgentState {
  server: string;
  private_key: string;
  public_key: string;
  peer_id: string;
  peer_token: string;
}

/** What `up` writes after each map it applies; `status` adds WireGuard's live view to it. */
export interface AppliedStatus {
  interface: string;
  serial: number;
  applied_at: string;
  peer: { id: string; name: string; ip: string; ipv6: string };
  peers: { id: string; name: string; ip: string; public_key: string; endpoints: string[] }[];
}

const STATE = 'state.json';
const STATUS = 'status.json';

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writePrivate(dir: string, name: string, value: unknown) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${name}.tmp`);
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, join(dir, name));
}

function readJson<T>(dir: string, name: string): T | null {
  const file = join(dir, name);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${file} is not readable JSON (${(e as Error).message}); move it away to start over`);
  }
}

export function readState(dir: string): AgentState | null {
  const s = readJson<AgentState>(dir, STATE);
  if (s && !(s.private_key && s.peer_token && s.peer_id && s.server)) throw new Error(`${join(dir, STATE)} is incomplete; move it away to join again`);
  return s;
}

export const writeState = (dir: string, state: AgentState) => writePrivate(dir, STATE, state);
export const readStatus = (dir: string) => readJson<AppliedStatus>(dir, STATUS);
export const writeStatus = (dir: string, status: AppliedStatus) => writePrivate(dir, STATUS, status);
