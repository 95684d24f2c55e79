// Agent maps as deltas (docs/agent-protocol.md, "Deltas"). A map's version token names what an
// agent holds: the digest of its peer list's content (agent-map-versions.ts), whether it carries
// DNS records, and a hash of each small section. From the token the agent sends back, the server
// knows what changed for that agent without keeping anything per agent: the list's difference
// (computed once per pair of list versions, shared by every agent with the same lists) and the
// sections whose hash moved. Only what changed is sent; nothing at all when nothing did.
import type { MapParts } from './agent-map';
import { toAgentDns } from './agent';
import { entryBytes, type Joined } from './agent-sync-text';
import { cachedDiff, digestOf, keptVersion, listVersion, type ListDiff, type ListVersion } from './agent-map-versions';

/** The map's sections other than the two long lists, in the map's order; each is sent whole when it changed. */
export const SECTIONS = ['approval_required', 'peer', 'packet_filter', 'routes', 'dns', 'ssh_policy', 'watch_files'] as const;

const TOKEN_FORMAT = '1';

/** One agent's map as the delta protocol sees it. */
export interface MapVersion {
  /** What the `X-Meshdeck-Map` header carries and the agent names in `base`. */
  token: string;
  list: ListVersion;
  /** Whether the map lists DNS records (DNS enabled for the peer). */
  records: boolean;
  /** SECTIONS' JSON texts (`dns` without its records) and their hashes. */
  texts: string[];
  hashes: string[];
}

export function mapVersion(accountId: string, parts: MapParts): MapVersion {
  const { records: _, ...dns } = toAgentDns(parts.dns, [], parts.account);
  const values: Record<(typeof SECTIONS)[number], unknown> = { ...parts.body, dns };
  const texts = SECTIONS.map((s) => JSON.stringify(values[s]));
  const hashes = texts.map((t) => digestOf(t).slice(0, 11));
  const list = listVersion(accountId, parts.shared, parts.account, parts.accountPeers);
  const records = parts.dns.enabled;
  return { token: [TOKEN_FORMAT, list.digest, records ? 'r' : 'n', ...hashes].join('.'), list, records, texts, hashes };
}

interface HeldVersion {
  list: string;
  records: boolean;
  hashes: string[];
}

/** A token this server makes, read back; null for anything else. */
export function parseMapToken(text: string): HeldVersion | null {
  const parts = text.split('.');
  if (parts.length !== 3 + SECTIONS.length || parts[0] !== TOKEN_FORMAT || (parts[2] !== 'r' && parts[2] !== 'n')) return null;
  return { list: parts[1], records: parts[2] === 'r', hashes: parts.slice(3) };
}

const NO_CHANGE: ListDiff = { changed: [], removed: [], recordsChanged: [], recordsRemoved: [] };

function pushEntries(chunks: Buffer[], joined: Joined, index: ReadonlyMap<string, number>, ids: string[]) {
  ids.forEach((id, n) => {
    if (n) chunks.push(Buffer.from(','));
    chunks.push(entryBytes(joined, index.get(id)!));
  });
}

/**
 * The delta from the map the agent holds (`heldToken`) to its map now: 'same' when nothing changed
 * for it, null when no delta can be made — an unknown or dropped base, DNS records switched on or
 * off, or a delta no smaller than the full map — and the full map is sent instead.
 */
export function deltaChunks(accountId: string, heldToken: string, now: MapVersion, parts: MapParts): Buffer[] | 'same' | null {
  const held = parseMapToken(heldToken);
  if (!held || held.records !== now.records) return null;
  let diff: ListDiff | null = NO_CHANGE;
  if (held.list !== now.list.digest) {
    const from = keptVersion(accountId, held.list);
    if (!from) return null;
    diff = cachedDiff(from, now.list);
    if (!diff) return null;
  }
  // Its own entry is never in its map.
  const self = parts.selfId;
  const changed = diff.changed.filter((id) => id !== self);
  const removed = diff.removed.filter((id) => id !== self);
  const recordsChanged = now.records ? diff.recordsChanged.filter((id) => id !== self) : [];
  const recordsRemoved = now.records ? diff.recordsRemoved.filter(([id]) => id !== self).map(([, name]) => name) : [];
  const sections = SECTIONS.flatMap((_, i) => (held.hashes[i] === now.hashes[i] ? [] : [i]));
  if (!changed.length && !removed.length && !recordsChanged.length && !recordsRemoved.length && !sections.length) return 'same';

  const chunks = [Buffer.from(`{"serial":${parts.serial},"delta":{"base":${JSON.stringify(heldToken)},"peers_changed":[`)];
  const shared = parts.shared;
  if (shared) pushEntries(chunks, shared.remote, shared.index, changed);
  chunks.push(Buffer.from(`],"peers_removed":${JSON.stringify(removed)},"records_changed":[`));
  if (shared) pushEntries(chunks, shared.records, shared.index, recordsChanged);
  const whole = sections.map((i) => `,"${SECTIONS[i]}":${now.texts[i]}`).join('');
  chunks.push(Buffer.from(`],"records_removed":${JSON.stringify(recordsRemoved)}${whole}}}`));

  return chunks.reduce((n, c) => n + c.length, 0) < fullSizeAtLeast(now, parts) ? chunks : null;
}

/** No more than the full map's size: its lists (without the agent's own entry) and sections. */
function fullSizeAtLeast(now: MapVersion, { shared, selfId }: MapParts): number {
  let size = now.texts.reduce((n, t) => n + t.length, 0);
  if (!shared) return size;
  const self = shared.index.get(selfId);
  size += shared.remote.bytes.length - (self === undefined ? 0 : entryBytes(shared.remote, self).length);
  if (now.records) size += shared.records.bytes.length - (self === undefined ? 0 : entryBytes(shared.records, self).length);
  return size;
}
