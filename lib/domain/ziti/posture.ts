// Posture responses (POST /posture-response[-bulk]): the latest answer of each identity to each
// posture query, kept in memory as OpenZiti's controller keeps them (its posture cache) — they are
// re-sent by clients on every change and on reconnect. Posture is not enforced yet: nothing else
// in meshdeck reads these (NetBird posture checks are stored but not evaluated either).
import type { ZitiCaller } from './api-sessions';

export interface PostureEntry {
  id: string;
  typeId: string;
  /** The kind's own fields (os type/version, process path and hashes, domain, mac addresses...). */
  data: Record<string, unknown>;
  receivedAt: Date;
}

/** Identities remembered at most; the least recently reporting one is forgotten first. */
const MAX_IDENTITIES = 50_000;

const g = globalThis as unknown as { __meshdeckZitiPosture?: Map<string, Map<string, PostureEntry>> };
const store = (g.__meshdeckZitiPosture ??= new Map());

const key = (caller: ZitiCaller) => `${caller.accountId}/${caller.identity.id}`;

export function recordPostureResponses(caller: ZitiCaller, responses: { id: string; typeId: string; [k: string]: unknown }[], now = new Date()): void {
  const k = key(caller);
  const entries = store.get(k) ?? new Map<string, PostureEntry>();
  store.delete(k);
  for (const { id, typeId, ...data } of responses) entries.set(`${typeId}/${id}`, { id, typeId, data, receivedAt: now });
  store.set(k, entries);
  if (store.size > MAX_IDENTITIES) store.delete(store.keys().next().value!);
}

export function postureResponsesOf(caller: ZitiCaller): PostureEntry[] {
  return [...(store.get(key(caller))?.values() ?? [])];
}
