// DNS labels: the first label of a peer's name in the account's DNS domain. RFC 1123 characters,
// at most 63 of them, unique within the account ("web", "web-1", "web-2", ...).
import type { Tx } from '../../db/client';

export function toDnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || 'peer';
}

export async function uniqueDnsLabel(db: Tx, accountId: string, name: string, exceptPeerId?: string): Promise<string> {
  const base = toDnsLabel(name);
  const taken = new Set(
    (
      await db.peer.findMany({
        where: { accountId, dnsLabel: { startsWith: base }, ...(exceptPeerId ? { id: { not: exceptPeerId } } : {}) },
        select: { dnsLabel: true },
      })
    ).map((p) => p.dnsLabel),
  );
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const suffix = `-${i}`;
    const candidate = base.slice(0, 63 - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
