// GET /api/peers as JSON text, assembled from pieces cached per peer row. A listing of 25,000 peers
// right after one peer changed re-renders that peer only: every other row object is the same one
// the peer store (lib/domain/access/peer-store.ts) held before, so its text is reused, and only its
// block of 256 peers is joined again. What varies per request without the row changing — the
// groups with their counts, login_expired (time passes) and the accessible-peers count — is spliced
// in between the pieces, and a peer's text is rebuilt only when one of them differs. The text is exactly
// JSON.stringify(toNetbirdPeerList(...)) (tests/unit/netbird-peer-list.test.ts).
import { randomUUID } from 'node:crypto';
import type { GroupSummary } from '../../domain/groups/summaries';
import { loginExpired } from '../../domain/peers/peers';
import { toNetbirdGroupMinimum } from './groups';
import { toNetbirdPeer, type AccountView, type NetbirdPeerRow } from './peers';

/** Random per process, so no stored value can be mistaken for a splice point. */
const MARK = `\u0000${randomUUID()}`;
const GROUPS = JSON.stringify(`${MARK}g`);
const EXPIRED = JSON.stringify(`${MARK}e`);
const COUNT = JSON.stringify(`${MARK}c`);

/** The peer's JSON split around its groups, login_expired and accessible_peers_count values. */
type Pieces = readonly [string, string, string, string];

/** What a listing needs of the account's groups (lib/domain/access/snapshot-groups.ts). */
export interface ListedGroups {
  /** A new map whenever any group's name or counts changed. */
  groups: ReadonlyMap<string, GroupSummary>;
  /** The peer's stored group ids, the same array object while its memberships are unchanged. */
  idsOf(peerId: string): readonly string[];
  /** Its groups as summaries, the All group first. */
  groupsOf(peerId: string): GroupSummary[];
}

/** A peer's text as last rendered, and what it was rendered with. */
interface Rendered {
  groups: string;
  expired: boolean;
  count: number;
  text: string;
}

/** Peers per block: a change re-joins one block, the listing joins the blocks. */
const BLOCK = 256;

export class PeerListRenderer {
  private readonly pieces = new WeakMap<NetbirdPeerRow, Pieces>();
  private readonly rendered = new WeakMap<NetbirdPeerRow, Rendered>();
  private groupJson = new WeakMap<readonly string[], string>();
  private groupsSeen?: ReadonlyMap<string, GroupSummary>;
  private blocks: Block[] = [];

  /** One renderer per account view: the pieces hold the DNS domain. */
  constructor(readonly account: AccountView) {}

  private piecesOf(peer: NetbirdPeerRow): Pieces {
    let p = this.pieces.get(peer);
    if (p) return p;
    const obj: Record<string, unknown> = toNetbirdPeer(peer, this.account, []);
    obj.groups = GROUPS_VALUE;
    obj.login_expired = EXPIRED_VALUE;
    obj.accessible_peers_count = COUNT_VALUE;
    const json = JSON.stringify(obj);
    const [a, rest] = split(json, GROUPS);
    const [b, rest2] = split(rest, EXPIRED);
    const [c, d] = split(rest2, COUNT);
    p = [a, b, c, d];
    this.pieces.set(peer, p);
    return p;
  }

  /** The groups array's JSON, once per membership list while no group's name or count changes. */
  private groupsText(peerId: string, groups: ListedGroups): string {
    if (this.groupsSeen !== groups.groups) {
      this.groupJson = new WeakMap();
      this.groupsSeen = groups.groups;
    }
    const ids = groups.idsOf(peerId);
    let text = this.groupJson.get(ids);
    if (text === undefined) this.groupJson.set(ids, (text = JSON.stringify(groups.groupsOf(peerId).map(toNetbirdGroupMinimum))));
    return text;
  }

  private textOf(peer: NetbirdPeerRow, groups: string, expired: boolean, count: number): string {
    const last = this.rendered.get(peer);
    if (last && last.groups === groups && last.expired === expired && last.count === count) return last.text;
    const [a, b, c, d] = this.piecesOf(peer);
    const text = a + groups + b + (expired ? 'true' : 'false') + c + count + d;
    this.rendered.set(peer, { groups, expired, count, text });
    return text;
  }

  /**
   * The listing as byte chunks: `[`, each block's bytes with `,` between, `]`. A block is reused
   * without looking at its peers' texts while it holds the same row objects, the groups and the
   * model (`counts`) are the same objects and no login in it has expired since; otherwise its
   * texts are assembled (each reused when its inputs match) and encoded again.
   */
  renderChunks(peers: readonly NetbirdPeerRow[], groups: ListedGroups, counts: object, countOf: (id: string) => number, now = Date.now()): Buffer[] {
    const blocks: Block[] = [];
    for (let start = 0, b = 0; start < peers.length; start += BLOCK, b++) {
      const end = Math.min(peers.length, start + BLOCK);
      const old = this.blocks[b];
      if (old && old.groups === groups.groups && old.counts === counts && now < old.flipsAt && sameRows(old.rows, peers, start, end)) {
        blocks.push(old);
        continue;
      }
      const rows = peers.slice(start, end);
      let flipsAt = Infinity;
      const texts = rows.map((peer) => {
        flipsAt = Math.min(flipsAt, expiryFlip(peer, this.account, now));
        return this.textOf(peer, this.groupsText(peer.id, groups), loginExpired(peer, this.account, now), countOf(peer.id));
      });
      const joined = texts.join(',');
      const same = old && old.joined === joined;
      blocks.push({ rows, groups: groups.groups, counts, flipsAt, joined, bytes: same ? old.bytes : Buffer.from(joined) });
    }
    this.blocks = blocks;
    if (!blocks.length) return [EMPTY];
    const out: Buffer[] = [OPEN];
    blocks.forEach((b, i) => out.push(...(i ? [COMMA, b.bytes] : [b.bytes])));
    out.push(CLOSE);
    return out;
  }

  /** The listing as text (tests; the same bytes as renderChunks). */
  render(peers: readonly NetbirdPeerRow[], groups: ListedGroups, countOf: (id: string) => number, now = Date.now()): string {
    return Buffer.concat(this.renderChunks(peers, groups, countOf, countOf, now)).toString();
  }
}

interface Block {
  rows: readonly NetbirdPeerRow[];
  groups: ReadonlyMap<string, GroupSummary>;
  counts: object;
  /** When the first login of the block expires (its texts change then). */
  flipsAt: number;
  joined: string;
  bytes: Buffer;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const EMPTY = Buffer.from('[]');

function sameRows(rows: readonly NetbirdPeerRow[], peers: readonly NetbirdPeerRow[], start: number, end: number): boolean {
  if (rows.length !== end - start) return false;
  for (let i = start; i < end; i++) if (rows[i - start] !== peers[i]) return false;
  return true;
}

/** When the peer's login_expired turns true (Infinity when it never will, or already has). */
function expiryFlip(peer: NetbirdPeerRow, account: AccountView, now: number): number {
  if (!peer.userId || !peer.loginExpirationEnabled || !account.peerLoginExpirationEnabled) return Infinity;
  const at = peer.lastLogin.getTime() + account.peerLoginExpiration * 1000;
  return at >= now ? at + 1 : Infinity;
}

const GROUPS_VALUE = `${MARK}g`;
const EXPIRED_VALUE = `${MARK}e`;
const COUNT_VALUE = `${MARK}c`;

function split(text: string, token: string): [string, string] {
  const at = text.indexOf(token);
  if (at < 0) throw new Error('peer listing: splice point missing');
  return [text.slice(0, at), text.slice(at + token.length)];
}

const renderers = new Map<string, PeerListRenderer>();

/** The renderer for this account's current view (a changed DNS domain or expiry setting starts afresh). */
export function peerListRenderer(accountId: string, account: AccountView): PeerListRenderer {
  const cur = renderers.get(accountId);
  const a = cur?.account;
  if (a && a.dnsDomain === account.dnsDomain && a.peerLoginExpirationEnabled === account.peerLoginExpirationEnabled && a.peerLoginExpiration === account.peerLoginExpiration) return cur!;
  const r = new PeerListRenderer({ dnsDomain: account.dnsDomain, peerLoginExpirationEnabled: account.peerLoginExpirationEnabled, peerLoginExpiration: account.peerLoginExpiration });
  renderers.set(accountId, r);
  return r;
}

interface Answered {
  inputs: readonly unknown[];
  at: number;
  bytes: Buffer[];
}

const answered = new Map<string, Answered>();

const MAX_ANSWERS = 256;

/** How long a listing may be served again unchanged: login_expired depends on the clock. */
const SAME_ANSWER_MS = 1_000;

/**
 * The listing for `key` (account, caller's scope, filters), served again without even walking the
 * peers while `inputs` (the snapshot, model and groups objects it was built from) are the same
 * objects and it is under a second old; else rendered (which itself re-renders only what changed).
 */
export function peerListBytes(key: string, inputs: readonly unknown[], render: () => Buffer[], now = Date.now()): Buffer[] {
  const hit = answered.get(key);
  if (hit && now - hit.at < SAME_ANSWER_MS && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) return hit.bytes;
  const bytes = render();
  answered.delete(key);
  answered.set(key, { inputs, at: now, bytes });
  // Filters make keys without end: the oldest answers go first.
  if (answered.size > MAX_ANSWERS) answered.delete(answered.keys().next().value!);
  return bytes;
}
