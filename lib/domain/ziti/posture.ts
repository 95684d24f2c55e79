// Posture responses (POST /posture-response[-bulk]): the latest answer of each identity to each
// posture query, kept in memory as OpenZiti's controller keeps them (its posture cache) — they are
// re-sent by clients on every change and on reconnect. Posture is not enforced yet: nothing else
// in meshdeck reads these (NetBird posture checks are stored but not evaluated either). Being in
// memory, they are per process: with several processes on one database each keeps the answers sent
// to it. Harmless while nothing reads them; enforcing posture must move them into the database.
// The store is bounded on every axis a client controls: responses per identity, the size of one
// response, and identities (which are real, authenticated ones), so no client can grow memory.
import type { ZitiCaller } from './api-sessions';
import { ValidationError } from '../errors';

export interface PostureEntry {
  id: string;
  typeId: string;
  /** The kind's own fields (os type/version, process path and hashes, domain, mac addresses...). */
  data: Record<string, unknown>;
  receivedAt: Date;
}

/** Posture responses in one request and remembered per identity. A client answers one response per
 *  posture query its services carry: a handful in practice, far below this. */
export const MAX_POSTURE_RESPONSES = 100;
/** One response serialized as JSON, at most (process checks with a few hashes are well under 1 KiB). */
export const MAX_POSTURE_RESPONSE_BYTES = 8 * 1024;
/** Identities remembered at most; the least recently reporting one is forgotten first. */
const MAX_IDENTITIES = 50_000;

const g = globalThis as unknown as { __meshdeckZitiPosture?: Map<string, Map<string, PostureEntry>> };
const store = (g.__meshdeckZitiPosture ??= new Map());

const key = (caller: ZitiCaller) => `${caller.accountId}/${caller.identity.id}`;

/** Checks a whole request before anything is kept (all or nothing, like a database write). */
function checkResponses(responses: { id: string; typeId: string }[]): void {
  if (responses.length > MAX_POSTURE_RESPONSES) {
    throw new ValidationError(`at most ${MAX_POSTURE_RESPONSES} posture responses at once (got ${responses.length})`, 'value');
  }
  responses.forEach((r, i) => {
    const size = Buffer.byteLength(JSON.stringify(r));
    if (size > MAX_POSTURE_RESPONSE_BYTES) {
      throw new ValidationError(`posture response ${i} is ${size} bytes; at most ${MAX_POSTURE_RESPONSE_BYTES} are kept`, 'value', `[${i}]`);
    }
  });
}

export function recordPostureResponses(caller: ZitiCaller, responses: { id: string; typeId: string; [k: string]: unknown }[], now = new Date()): void {
  checkResponses(responses);
  const k = key(caller);
  const entries = store.get(k) ?? new Map<string, PostureEntry>();
  store.delete(k);
  for (const { id, typeId, ...data } of responses) {
    const entryKey = `${typeId}/${id}`;
    // Re-inserted so the map's order is oldest answer first; the oldest go when over the cap.
    entries.delete(entryKey);
    entries.set(entryKey, { id, typeId, data, receivedAt: now });
  }
  while (entries.size > MAX_POSTURE_RESPONSES) entries.delete(entries.keys().next().value!);
  store.set(k, entries);
  if (store.size > MAX_IDENTITIES) store.delete(store.keys().next().value!);
}

export function postureResponsesOf(caller: ZitiCaller): PostureEntry[] {
  return [...(store.get(key(caller))?.values() ?? [])];
}
