// How the traffic `search` filter compares text, for the events table and for the hourly sums that
// leave the addresses' ports out (TrafficSearchRollup).
//
// Why leaving ports out is exact: an address "host:port" contains a search key k exactly when
// "host" does, unless k runs into the port (then k holds a ":") or lies inside it (then k is made
// of digits only). The searchable text has one field per line, so a key holding no line break
// matches the text exactly when it matches one of its fields. Keys of those three kinds are the
// ones searchNeedsPorts() sends to the events table.

/**
 * The form `search` compares in: lower-cased, with LIKE's wildcards (% and _) and PostgreSQL's
 * LIKE escape (a backslash) mapped to private-use characters. The ORM's `contains` does not escape them, so
 * without this a search for "%" would match everything; mapped on both sides it matches literally.
 */
export function searchKey(text: string): string {
  return text.toLowerCase().replace(/[%_\\]/g, (c) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
}

/** The searchable text of an event: user email, endpoint names and addresses, one per line. */
export function searchText(e: { userEmail: string; srcName: string; dstName: string; srcAddress: string; dstAddress: string }): string {
  return searchKey([e.userEmail, e.srcName, e.dstName, e.srcAddress, e.dstAddress].join('\n'));
}

const HOST_PORT = /^(\[[^\]]*\]|[^:]*):\d+$/;

/** An address without its port: "100.64.0.1:51820" → "100.64.0.1", "[fd00::1]:443" → "[fd00::1]"; others as they are. */
export function withoutPort(address: string): string {
  const m = HOST_PORT.exec(address);
  return m ? m[1] : address;
}

/** True when a search key (as searchKey() writes it) might match inside a port. */
export function searchNeedsPorts(key: string): boolean {
  return key.includes(':') || key.includes('\n') || /^\d+$/.test(key);
}
