// Which endpoint WireGuard should use for each peer. WireGuard holds one endpoint per peer and
// moves it by itself to wherever a peer's authenticated packets come from (roaming), so the agent
// sets one only when a peer is new or its endpoints changed in the map — and, while a peer never
// completed a handshake, tries the next of its endpoints every ROTATE_MS. A peer with a fresh
// handshake keeps the endpoint WireGuard has when its listed endpoints change: the tunnel works,
// and a list can change for reasons that do not break it (another address seen for the peer by
// the server, an interface added); should it break, rotation starts once the handshake is stale.
import type { WgPeerState } from './wireguard';

export const ROTATE_MS = 12_000;
/** WireGuard renews a session every 2 minutes while traffic or keepalives flow; older means broken. */
const STALE_HANDSHAKE_S = 180;

interface Choice {
  endpoints: string[];
  index: number;
  setAt: number;
}

export class EndpointChooser {
  private readonly choices = new Map<string, Choice>();

  /**
   * For a new map: the endpoint to set now for each peer (absent: leave WireGuard's as it is).
   * `live`: WireGuard's view of the peers now (their handshakes). Peers no longer in the map are
   * forgotten.
   */
  plan(peers: readonly { publicKey: string; endpoints: readonly string[] }[], now = Date.now(), live: readonly WgPeerState[] = []): Map<string, string | undefined> {
    const working = new Set(live.filter((p) => p.endpoint && freshHandshake(p, now)).map((p) => p.publicKey));
    const out = new Map<string, string | undefined>();
    const keep = new Set<string>();
    for (const p of peers) {
      keep.add(p.publicKey);
      const had = this.choices.get(p.publicKey);
      if (had && had.endpoints.join(' ') === p.endpoints.join(' ')) {
        out.set(p.publicKey, undefined);
        continue;
      }
      this.choices.set(p.publicKey, { endpoints: [...p.endpoints], index: 0, setAt: now });
      out.set(p.publicKey, had && working.has(p.publicKey) ? undefined : p.endpoints[0]);
    }
    for (const key of [...this.choices.keys()]) if (!keep.has(key)) this.choices.delete(key);
    return out;
  }

  /** Peers without a (fresh) handshake that should try their next endpoint now, with it. */
  rotate(live: readonly WgPeerState[], now = Date.now()): { publicKey: string; endpoint: string }[] {
    const out: { publicKey: string; endpoint: string }[] = [];
    for (const p of live) {
      const c = this.choices.get(p.publicKey);
      if (!c || c.endpoints.length < 2 || now - c.setAt < ROTATE_MS) continue;
      if (freshHandshake(p, now)) continue;
      c.index = (c.index + 1) % c.endpoints.length;
      c.setAt = now;
      out.push({ publicKey: p.publicKey, endpoint: c.endpoints[c.index] });
    }
    return out;
  }
}

function freshHandshake(p: WgPeerState, now: number): boolean {
  return p.latestHandshake > 0 && now / 1000 - p.latestHandshake < STALE_HANDSHAKE_S;
}
