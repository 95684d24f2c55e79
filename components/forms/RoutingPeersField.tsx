'use client';
import { useId } from 'react';
import { GroupPicker } from './GroupPicker';
import type { GroupOption, PeerOption } from './types';

export interface RoutingPeers {
  mode: 'peer' | 'groups';
  peer: string;
  peerGroups: string[];
}

/** NetBird's "peer or peer_groups": the request body fields for the chosen mode only. */
export function routingPeersBody(r: RoutingPeers): { peer?: string; peer_groups?: string[] } {
  return r.mode === 'peer' ? { peer: r.peer } : { peer_groups: r.peerGroups };
}

export function routingPeersFrom(o: { peer?: string; peer_groups?: string[] }): RoutingPeers {
  return o.peer ? { mode: 'peer', peer: o.peer, peerGroups: [] } : { mode: 'groups', peer: '', peerGroups: o.peer_groups ?? [] };
}

/** The form check both routes and routers make before sending. */
export function routingPeersProblem(r: RoutingPeers): string | null {
  if (r.mode === 'peer' && !r.peer) return 'Choose the routing peer.';
  if (r.mode === 'groups' && !r.peerGroups.length) return 'Choose at least one routing peer group.';
  return null;
}

/** Who routes: one peer, or every peer of some groups. */
export function RoutingPeersField(props: { value: RoutingPeers; onChange: (v: RoutingPeers) => void; peers: PeerOption[]; groups: GroupOption[]; onGroupCreated: (g: GroupOption) => void }) {
  const id = useId();
  const { value, onChange } = props;
  return (
    <fieldset className="field picker">
      <legend>Routing peers</legend>
      <div className="row roomy middle">
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={value.mode === 'peer'} onChange={() => onChange({ ...value, mode: 'peer' })} /> A single peer
        </label>
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={value.mode === 'groups'} onChange={() => onChange({ ...value, mode: 'groups' })} /> Peers of groups
        </label>
      </div>
      {value.mode === 'peer' ? (
        props.peers.length === 0 ? (
          <p className="hint">No peers yet: register a peer with a setup key first, or route through a peer group.</p>
        ) : (
          <div className="field mt-8">
            <label htmlFor={`${id}-peer`}>Routing peer</label>
            <select id={`${id}-peer`} value={value.peer} onChange={(e) => onChange({ ...value, peer: e.target.value })}>
              <option value="">Choose a peer…</option>
              {props.peers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.ip})
                </option>
              ))}
            </select>
          </div>
        )
      ) : (
        <GroupPicker legend="Routing peer groups" groups={props.groups} value={value.peerGroups} onChange={(peerGroups) => onChange({ ...value, peerGroups })} onCreated={props.onGroupCreated} />
      )}
    </fieldset>
  );
}

/** How a route's or router's routing peers read in a table. */
export function routingPeersLabel(o: { peer?: string; peer_groups?: string[] }, peers: PeerOption[], groups: GroupOption[]): string {
  if (o.peer) return peers.find((p) => p.id === o.peer)?.name ?? o.peer;
  const names = (o.peer_groups ?? []).map((g) => groups.find((x) => x.id === g)?.name ?? g);
  return names.length ? `groups: ${names.join(', ')}` : '—';
}
