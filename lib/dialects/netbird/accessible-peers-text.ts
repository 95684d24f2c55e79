// GET /api/peers/{id}/accessible-peers as JSON text joined from texts cached per peer row.
import type { Peer } from '../../db/models';
import { toAccessiblePeer, type AccountView } from './peers';
import { RowTexts } from './row-text';

const texts = new RowTexts<Peer, Pick<AccountView, 'dnsDomain'>>(toAccessiblePeer, (a) => a.dnsDomain);

export function accessiblePeersText(peers: readonly Peer[], account: Pick<AccountView, 'dnsDomain'>): string {
  return texts.array(peers, account);
}
