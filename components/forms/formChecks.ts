// Quick checks a console form runs before sending, so obvious typos get a message at once. They are
// deliberately loose: the server's validation (lib/domain/validate-net.ts) has the final word.

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return V4.test(text);
}

export function isIp(text: string): boolean {
  const t = text.trim();
  if (isIpv4(t)) return true;
  if (!t.includes(':') || /[^0-9a-fA-F:.]/.test(t)) return false;
  try {
    // The URL parser knows every IPv6 spelling (compressed, embedded IPv4).
    new URL(`http://[${t}]/`);
    return true;
  } catch {
    return false;
  }
}

/** A DNS name of letters, digits and hyphens, at least one dot unless `single` is allowed. */
export function isDomain(text: string, { single = false } = {}): boolean {
  const t = text.trim().replace(/\.$/, '').toLowerCase();
  if (!t || t.length > 253) return false;
  const labels = t.split('.');
  if (!single && labels.length < 2) return false;
  return labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}

/** An IPv4 network in CIDR form, e.g. 100.64.0.0/10. */
export function isIpv4Cidr(text: string): boolean {
  const [ip, bits, extra] = text.trim().split('/');
  return extra === undefined && isIpv4(ip ?? '') && /^\d{1,2}$/.test(bits ?? '') && Number(bits) <= 32;
}

/** First and last usable host of an IPv4 CIDR (network and broadcast addresses left out). */
export function ipv4HostRange(cidr: string): { start: string; end: string } | null {
  if (!isIpv4Cidr(cidr)) return null;
  const [ip, bitsText] = cidr.trim().split('/');
  const bits = Number(bitsText);
  if (bits > 30) return null;
  const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  const base = n - (n % size);
  const text = (v: number) => [24, 16, 8, 0].map((s) => Math.floor(v / 2 ** s) % 256).join('.');
  return { start: text(base + 1), end: text(base + size - 2) };
}

/** The network address of an IPv4 CIDR in canonical form (host bits cleared). */
export function ipv4Network(cidr: string): string | null {
  const r = ipv4HostRange(cidr);
  if (!r) return null;
  const bits = cidr.trim().split('/')[1];
  const last = r.start.split('.').map(Number);
  last[3] -= 1;
  return `${last.join('.')}/${Number(bits)}`;
}
