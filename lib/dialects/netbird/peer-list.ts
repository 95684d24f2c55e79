// GET /api/peers as JSON text, assembled from pieces cached per peer row. A listing of 25,000 peers
// right after one peer changed re-renders that peer only: every other row object is the same one
// the peer store (lib/domain/access/peer-store.ts) held before, so its pieces are reused. What
// varies per request without the row changing — the groups with their counts, login_expired (time
// passes) and the accessible-peers count — is spliced in between the pieces. The text is exactly
// JSON.stringify(toNetbirdPeerList(...)) (tests/unit/netbird-peer-list.test.ts).
import { randomUUID } from 'node:crypto';
import type { GroupSummary } from '../../domain/group-summaries';
import { loginExpired } from '../../domain/peers';
import { toNetbirdGroupMinimum } from './groups';
import { toNetbirdPeer, type AccountView, type NetbirdPeerRow } from './peers';

/** Random per process, so no stored value can be mistaken for a splice point. */
const MARK = `\u0000${randomUUID()}`;
const GROUPS = JSON.stringify(`${MARK}g`);
const EXPIRED = JSON.stringify(`${MARK}e`);
const COUNT = JSON.stringify(`${MARK}c`);

/** The peer's JSON split around its groups, login_expired and accessible_peers_count values. */
type Pieces = readonly [string, string, string, string];

export class PeerListRenderer {
  private readonly pieces = new WeakMap<NetbirdPeerRow, Pieces>();
  private readonly groupJson = new Map<string, string>();
  private groupsSeen?: ReadonlyMap<string, GroupSummary>;

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

  /** The groups array's JSON, once per distinct list of groups (counts change with memberships). */
  private groupsText(groups: GroupSummary[], all: ReadonlyMap<string, GroupSummary>): string {
    if (this.groupsSeen !== all) {
      this.groupJson.clear();
      this.groupsSeen = all;
    }
    const key = groups.map((g) => g.id).join(',');
    let text = this.groupJson.get(key);
    if (text === undefined) this.groupJson.set(key, (text = JSON.stringify(groups.map(toNetbirdGroupMinimum))));
    return text;
  }

  /**
   * `groups`: every group summary of this request (a new map when any name or count changed);
   * `groupsOf` must return summaries from it.
   */
  render(peers: readonly NetbirdPeerRow[], groups: ReadonlyMap<string, GroupSummary>, groupsOf: (id: string) => GroupSummary[], countOf: (id: string) => number, now = Date.now()): string {
    const out: string[] = new Array(peers.length * 8 + 1);
    let n = 0;
    out[n++] = '[';
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[i];
      const [a, b, c, d] = this.piecesOf(peer);
      if (i) out[n++] = ',';
      out[n++] = a;
      out[n++] = this.groupsText(groupsOf(peer.id), groups);
      out[n++] = b;
      out[n++] = loginExpired(peer, this.account, now) ? 'true' : 'false';
      out[n++] = c;
      out[n++] = String(countOf(peer.id));
      out[n++] = d;
    }
    out[n++] = ']';
    out.length = n;
    return out.join('');
  }
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
