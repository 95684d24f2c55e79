// Versions of the shared peer lists of agent maps, for deltas (docs/agent-protocol.md, "Deltas").
// A version is a list's content without live status (`connected`, `last_seen`: they change at
// every check-in and never move the serial, so they are not a change of the map), named by a digest
// of that content. Content, not serials, names versions: an agent whose list did not change keeps
// naming a version every later map also has, and a restarted server computes the same digests.
//
// The difference between two versions is computed once per pair, whatever the number of agents
// that need it, and cached. Each account keeps its most recently used versions only, at most
// VERSION_SHARE times its peer count in entries: memory stays proportional to the account, and an
// agent whose version was dropped gets the full map.
import { createHash } from 'node:crypto';
import type { Account, Peer } from '../../db/models';
import { toRemotePeer } from './agent';
import type { SharedPeers } from './agent-sync-text';
import { RowTexts } from './row-text';

type View = Pick<Account, 'dnsDomain'>;

/** A list's content: ids in map order and each entry's text without live status. */
export interface ListVersion {
  readonly digest: string;
  readonly ids: readonly string[];
  readonly stable: readonly string[];
}

/** What changed from one version to another, by peer id (the agent's own id is filtered out later). */
export interface ListDiff {
  /** Entries added or changed (in the new version's order). */
  changed: string[];
  removed: string[];
  /** Of `changed`: those whose DNS record (name or address) is new or changed. */
  recordsChanged: string[];
  /** Records gone: of removed peers, and the old names of renamed ones, as [peer id, record name]. */
  recordsRemoved: [string, string][];
}

/** Live status is left out: see the top of the file. */
const stableTexts = new RowTexts<Peer, View>((p, a) => {
  const { connected: _c, last_seen: _l, ...rest } = toRemotePeer(p, a);
  return rest;
}, (a) => a.dnsDomain);

export const digestOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export const EMPTY_LIST: ListVersion = Object.freeze({ digest: digestOf(''), ids: [], stable: [] });

/** Entries an account's kept versions may hold in all, per peer of the account (and at least MIN_ENTRIES). */
const VERSION_SHARE = 8;
const MIN_ENTRIES = 20_000;
const MAX_VERSIONS = 256;
/** Registries of accounts not used for this long are dropped. */
const IDLE_MS = 10 * 60_000;

class AccountVersions {
  /** Least recently used first. */
  readonly byDigest = new Map<string, ListVersion>();
  entries = 0;
  usedAt = Date.now();

  use(v: ListVersion, accountPeers: number): void {
    this.usedAt = Date.now();
    if (this.byDigest.delete(v.digest)) this.entries -= v.ids.length;
    this.byDigest.set(v.digest, v);
    this.entries += v.ids.length;
    const cap = Math.max(MIN_ENTRIES, VERSION_SHARE * accountPeers);
    for (const [digest, old] of this.byDigest) {
      if ((this.entries <= cap && this.byDigest.size <= MAX_VERSIONS) || old === v) break;
      this.byDigest.delete(digest);
      this.entries -= old.ids.length;
    }
  }
}

const g = globalThis as unknown as { __meshdeckListVersions?: Map<string, AccountVersions> };
const registries = (g.__meshdeckListVersions ??= new Map());
const ofShared = new WeakMap<SharedPeers, ListVersion>();

function registry(accountId: string): AccountVersions {
  const now = Date.now();
  for (const [id, r] of registries) if (now - r.usedAt > IDLE_MS && id !== accountId) registries.delete(id);
  let r = registries.get(accountId);
  if (!r) registries.set(accountId, (r = new AccountVersions()));
  return r;
}

/** The version of a shared list (null: the empty list), kept as the account's most recently used. */
export function listVersion(accountId: string, shared: SharedPeers | null, account: View, accountPeers: number): ListVersion {
  if (!shared || !shared.rows.length) return EMPTY_LIST;
  let v = ofShared.get(shared);
  if (!v) {
    const key = account.dnsDomain;
    const stable = shared.rows.map((p) => stableTexts.text(p, account, key));
    const digest = digestOf(stable.join('\n'));
    v = registry(accountId).byDigest.get(digest) ?? { digest, ids: shared.rows.map((p) => p.id), stable };
    ofShared.set(shared, v);
  }
  registry(accountId).use(v, accountPeers);
  return v;
}

/** A version the account still keeps, by digest. */
export function keptVersion(accountId: string, digest: string): ListVersion | undefined {
  return digest === EMPTY_LIST.digest ? EMPTY_LIST : registries.get(accountId)?.byDigest.get(digest);
}

/** The DNS record an entry makes: its name and address (agent-sync-text.ts writes the same). */
function recordOf(stableText: string): { name: string; value: string } {
  const e = JSON.parse(stableText) as { dns_label: string; ip: string };
  return { name: e.dns_label, value: e.ip };
}

export function diffVersions(from: ListVersion, to: ListVersion): ListDiff {
  const before = new Map<string, string>();
  for (let i = 0; i < from.ids.length; i++) before.set(from.ids[i], from.stable[i]);
  const diff: ListDiff = { changed: [], removed: [], recordsChanged: [], recordsRemoved: [] };
  for (let i = 0; i < to.ids.length; i++) {
    const id = to.ids[i];
    const old = before.get(id);
    before.delete(id);
    if (old === to.stable[i]) continue;
    diff.changed.push(id);
    const now = recordOf(to.stable[i]);
    const was = old === undefined ? null : recordOf(old);
    if (!was || was.name !== now.name || was.value !== now.value) diff.recordsChanged.push(id);
    if (was && was.name !== now.name) diff.recordsRemoved.push([id, was.name]);
  }
  for (const [id, old] of before) {
    diff.removed.push(id);
    diff.recordsRemoved.push([id, recordOf(old).name]);
  }
  return diff;
}

/** Beyond this many cached differences the oldest is dropped. */
const MAX_DIFFS = 512;
/** A difference this large is not worth a delta (the full map is sent): more than half the list. */
const tooLarge = (d: ListDiff, to: ListVersion) => d.changed.length + d.removed.length > Math.max(16, to.ids.length / 2);
const diffs = new Map<string, ListDiff | null>();

/** diffVersions, once per pair of versions; null when the difference is too large for a delta. */
export function cachedDiff(from: ListVersion, to: ListVersion): ListDiff | null {
  const key = `${from.digest}>${to.digest}`;
  let d = diffs.get(key);
  if (d !== undefined) {
    diffs.delete(key);
  } else {
    d = diffVersions(from, to);
    if (tooLarge(d, to)) d = null;
    if (diffs.size >= MAX_DIFFS) diffs.delete(diffs.keys().next().value!);
  }
  diffs.set(key, d);
  return d;
}
