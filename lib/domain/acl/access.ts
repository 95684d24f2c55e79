// What the account's stored access-policy document (Tailscale's policy file) allows, per peer, for
// the effective access in lib/domain/access/network-map.ts. The document was fully validated when it was
// saved; if it no longer compiles (say a tag it names was removed from every peer) it grants
// nothing — failing closed — and the reason is logged.
import type { Tx } from '../../db/client';
import { parsePolicyText } from './policy-text';
import { policyTextOf, topologyFromRows, topologyUsers, type PeerRow, type UserRow } from './topology';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import { TailscaleMaps, type TsFilterRule } from '../policy/tailscale/netmap';
import type { RoutedNetwork } from '../policy/tailscale/routed';
import { sshPolicyFor, type SshPolicy } from '../policy/tailscale/ssh-policy';
import type { VisibleSet } from '../policy/tailscale/visibility';

export interface AclAccess {
  /** Peers this peer may reach or be reached from under the document. */
  peers(peerId: string): string[];
  /** The same as a list shared with similar peers (may include the peer itself; see `includesSelf`). */
  visible(peerId: string): VisibleSet | undefined;
  /** Its packet filter under the document, in Tailscale's FilterRule shape. */
  filter(peerId: string): TsFilterRule[];
  /** Who may open SSH sessions to it, in Tailscale's SSHPolicy shape (the document's "ssh"). */
  ssh(peerId: string): SshPolicy;
  /** Forwarding entries for networks a routing peer serves outside the document's topology (NetBird routes, resources, device routes). */
  routedFilter(networks: readonly RoutedNetwork[]): TsFilterRule[];
  /** Peer → routers it reaches (and router → those peers) through networks routed outside the topology; `routers` must be the same object per serial. */
  routedReach(routers: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, ReadonlySet<string>>;
  /** The compiled document, reused by the next serial's compile (unchanged nodes keep their views). */
  compiled: CompiledTailscalePolicy;
}

/** `activePeers`: the peers that may take part at all (approved, user not blocked), oldest first. */
export async function loadAclAccess(db: Tx, accountId: string, activePeers: PeerRow[], previous?: CompiledTailscalePolicy): Promise<AclAccess | null> {
  const [text, users] = await Promise.all([policyTextOf(db, accountId), topologyUsers(db, accountId)]);
  // An account that never saved a document has Tailscale's default (allow all), as it reads.
  return aclAccessFrom(accountId, text, users, activePeers, previous);
}

/** The document's access over the given users and (active) peers; null when it does not compile. */
export function aclAccessFrom(accountId: string, text: string, users: UserRow[], peers: PeerRow[], previous?: CompiledTailscalePolicy): AclAccess | null {
  try {
    const compiled = compileTailscalePolicy(parsePolicyText(text), topologyFromRows(users, peers), previous, 'enforce');
    if (isCompileError(compiled)) {
      console.warn(`meshdeck: account ${accountId}: access-policy document no longer compiles (${compiled.error}); it grants nothing until fixed`);
      return null;
    }
    const maps = new TailscaleMaps(compiled);
    return {
      compiled,
      peers: (id) => maps.peers(id),
      visible: (id) => maps.visible(id),
      filter: (id) => maps.filter(id),
      routedFilter: (networks) => maps.routedFilter(networks),
      routedReach: (routers) => maps.routedReach(routers),
      ssh: (id) => {
        const node = compiled.net.byName(id);
        return node ? sshPolicyFor(compiled, compiled.ssh, node) : { rules: [] };
      },
    };
  } catch (e) {
    console.warn(`meshdeck: account ${accountId}: access-policy document unreadable (${(e as Error).message}); it grants nothing until fixed`);
    return null;
  }
}
