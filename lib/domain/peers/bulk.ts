// Bulk actions on selected peers (the console's peer table): add to or remove from groups, approve,
// switch login expiration, delete. Each action goes through the same services as one peer's edit;
// the caller runs it in one transaction, so either every selected peer changes or none does. Each
// changed peer is audited once (the same entry as one peer's edit); unchanged ones are not.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../errors';
import { addPeersToGroups, removePeersFromGroups } from '../groups/membership';
import { deletePeer, updatePeer, visibleTo } from './peers';
import { bumpNetworkSerial } from '../serial';
import { checkAutoGroups } from '../users/auto-groups';
import { recordChange } from '../audit';
import { peerActivity } from './activity';

export const BULK_ACTIONS = ['add-groups', 'remove-groups', 'approve', 'login-expiration', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_PEERS = 1000;

export interface BulkInput {
  ids: string[];
  action: BulkAction;
  groups?: string[];
  enabled?: boolean;
}

/** One peer's outcome: `changed` is false when it already was as asked. */
export interface BulkOutcome {
  peer: Peer;
  changed: boolean;
  /** Group names added or removed (group actions only). */
  groups?: string[];
}

export async function bulkPeers(db: Tx, actor: Actor, input: BulkInput): Promise<BulkOutcome[]> {
  const ids = [...new Set(input.ids)];
  if (!ids.length) throw new ValidationError('ids: select at least one peer');
  if (ids.length > MAX_BULK_PEERS) throw new ValidationError(`ids: at most ${MAX_BULK_PEERS} peers at once`);
  // Every peer must be visible to the actor; one unknown id refuses the whole request.
  const found = new Map((await inChunks(ids, (chunk) => db.peer.findMany({ where: { id: { in: chunk }, ...visibleTo(actor) } }))).map((p) => [p.id, p]));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new NotFoundError('peer', missing);
  const peers = ids.map((id) => found.get(id)!);
  switch (input.action) {
    case 'add-groups':
    case 'remove-groups':
      return groupAction(db, actor, peers, input.action, input.groups);
    case 'approve':
      return eachUpdate(db, actor, peers, (p) => ({ approvalRequired: false, changed: p.approvalRequired }));
    case 'login-expiration': {
      const enabled = input.enabled;
      if (enabled === undefined) throw new ValidationError('enabled: required for login-expiration');
      return eachUpdate(db, actor, peers, (p) => ({ loginExpirationEnabled: enabled, changed: p.loginExpirationEnabled !== enabled }));
    }
    case 'delete': {
      const out: BulkOutcome[] = [];
      for (const p of peers) out.push({ peer: await deletePeer(db, actor, p.id), changed: true });
      return out;
    }
  }
}

async function groupAction(db: Tx, actor: Actor, peers: Peer[], action: 'add-groups' | 'remove-groups', groupIds: string[] | undefined): Promise<BulkOutcome[]> {
  if (!groupIds?.length) throw new ValidationError('groups: choose at least one group');
  const groups = await checkAutoGroups(db, actor.accountId, groupIds, 'groups');
  const nameOf = new Map(groups.map((g) => [g.id, g.name]));
  const apply = action === 'add-groups' ? addPeersToGroups : removePeersFromGroups;
  const changes = await apply(db, groups.map((g) => g.id), peers.map((p) => p.id));
  if (changes.length) await bumpNetworkSerial(db, actor.accountId);
  const namesOf = new Map<string, string[]>();
  for (const c of changes) namesOf.set(c.peerId, [...(namesOf.get(c.peerId) ?? []), nameOf.get(c.groupId)!]);
  const entry = action === 'add-groups' ? peerActivity.groupsAdded : peerActivity.groupsRemoved;
  for (const peer of peers) {
    const names = namesOf.get(peer.id);
    if (names) await recordChange(db, actor, entry(peer, names));
  }
  return peers.map((peer) => ({ peer, changed: namesOf.has(peer.id), groups: namesOf.get(peer.id) ?? [] }));
}

/** Applies one field change per peer through updatePeer (which records it), keeping every other field as it is. */
async function eachUpdate(
  db: Tx,
  actor: Actor,
  peers: Peer[],
  change: (p: Peer) => { approvalRequired?: boolean; loginExpirationEnabled?: boolean; changed: boolean },
): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for (const p of peers) {
    const { changed, ...fields } = change(p);
    if (!changed) {
      out.push({ peer: p, changed: false });
      continue;
    }
    const c = await updatePeer(db, actor, p.id, {
      name: p.name,
      sshEnabled: p.sshEnabled,
      loginExpirationEnabled: p.loginExpirationEnabled,
      inactivityExpirationEnabled: p.inactivityExpirationEnabled,
      ...fields,
    });
    out.push({ peer: c.peer, changed: true });
  }
  return out;
}
