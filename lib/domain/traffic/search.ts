// How the traffic `search` filter compares text, for the events table and for the hourly sums
// (TrafficSearchRollup) that leave the source address's port out.
//
// An event's searchable text ends with its source address (searchText below). When that address is
// "host:port" with a port as numbers are written (0–65535, no leading zero), the event also stores
// the port (TrafficEvent.srcPort) and the search sums group it by the text without ":port" (W):
// the full text is W + ":" + port. A key k found in the full text but not in W must overlap the
// ":port" end, so either k lies inside the port's digits (k is digits only) or k = s + ":" + t with
// s ending W and t (the text after k's last ":") starting the port. portsMatching() lists, for a
// key, every port that could take part in such a match; no port means W answers exactly. Source
// ports are nearly unique per flow, which is why they are left out of the sums; destination
// addresses keep their ports (a peer reaches few ports of a counterpart).

/**
 * The form `search` compares in: lower-cased, with LIKE's wildcards (% and _) and PostgreSQL's
 * LIKE escape (a backslash) mapped to private-use characters. The ORM's `contains` does not escape them, so
 * without this a search for "%" would match everything; mapped on both sides it matches literally.
 */
export function searchKey(text: string): string {
  return text.toLowerCase().replace(/[%_\\]/g, (c) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
}

/** The searchable text of an event: user email, endpoint names and addresses, one per line, the source address last. */
export function searchText(e: { userEmail: string; srcName: string; dstName: string; srcAddress: string; dstAddress: string }): string {
  return searchKey([e.userEmail, e.srcName, e.dstName, e.dstAddress, e.srcAddress].join('\n'));
}

const HOST_PORT = /^(?:\[[^\]]*\]|[^:]*):(\d+)$/;
export const MAX_PORT = 65_535;
/** A port written as numbers are: no leading zero, at most 65535 (so String(port) gives it back). */
const canonicalPort = (digits: string) => (digits === '0' || /^[1-9]\d{0,4}$/.test(digits)) && Number(digits) <= MAX_PORT;

/**
 * The port of a source address stored as TrafficEvent.srcPort: "100.64.0.1:51820" → 51820,
 * "[fd00::1]:443" → 443; null for an address without one, or with one written otherwise ("x:0443").
 * When not null, the address ends with ":" and String(port).
 */
export function sourcePort(address: string): number | null {
  const m = HOST_PORT.exec(address);
  return m && canonicalPort(m[1]) ? Number(m[1]) : null;
}

/** The source address without ":" and its port, when `port` is sourcePort(address). */
export function sourceHost(address: string, port: number | null): string {
  return port === null ? address : address.slice(0, -(String(port).length + 1));
}

/**
 * The ports p for which a search key (as searchKey() writes it) can match the text W + ":" + p
 * without matching W: p's digits hold the key (a key of digits only), or start with what follows the
 * key's last ":" (when that is digits or nothing). Empty when the sums without ports answer the key.
 */
export function portsMatching(key: string): number[] {
  let test: ((p: string) => boolean) | undefined;
  if (/^\d+$/.test(key)) test = (p) => p.includes(key);
  else if (key.includes(':')) {
    const tail = key.slice(key.lastIndexOf(':') + 1);
    if (/^\d*$/.test(tail)) test = (p) => p.startsWith(tail);
  }
  if (!test) return [];
  const ports: number[] = [];
  for (let p = 0; p <= MAX_PORT; p++) if (test(String(p))) ports.push(p);
  return ports;
}
