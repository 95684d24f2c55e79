// The Tailscale API's DNS settings of a tailnet (= account): global nameservers, MagicDNS, search
// paths and split DNS, stored in TailnetDns (one row per account, created on first write). They
// are separate from NetBird's nameserver groups. Rules (Tailscale's): MagicDNS needs at least one
// nameserver, and removing the last nameserver turns it off. Every change is audited with
// meshdeck's own codes (`tailnet.dns.*`): NetBird has none for these settings.
import type { Tx } from '../../db/client';
import { perSerial } from '../access/per-serial';
import type { TailnetDns } from '../../db/models';
import type { PeerDnsConfig } from './nameservers';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { jsonList, jsonValue, parseJsonList, parseJsonObject } from '../json';
import { bumpNetworkSerial } from '../serial';
import { recordChange } from '../audit';
import { ipFamily, normalizeDomain } from '../validate-net';

export type SplitDns = Record<string, string[]>;

export interface TailnetDnsView {
  nameservers: string[];
  magicDns: boolean;
  searchPaths: string[];
  splitDns: SplitDns;
}

function view(row: TailnetDns | null): TailnetDnsView {
  const split = parseJsonObject<Record<string, unknown>>(row?.splitDns) ?? {};
  const splitDns: SplitDns = {};
  for (const [domain, list] of Object.entries(split)) if (Array.isArray(list)) splitDns[domain] = list.filter((x): x is string => typeof x === 'string');
  return {
    nameservers: parseJsonList(row?.nameservers),
    magicDns: row?.magicDns ?? false,
    searchPaths: parseJsonList(row?.searchPaths),
    splitDns,
  };
}

export async function getTailnetDns(db: Tx, actor: Actor): Promise<TailnetDnsView> {
  return view(await db.tailnetDns.findUnique({ where: { accountId: actor.accountId } }));
}

async function save(db: Tx, actor: Actor, data: Partial<Pick<TailnetDns, 'nameservers' | 'magicDns' | 'searchPaths' | 'splitDns'>>) {
  const now = new Date();
  const row = await db.tailnetDns.upsert({
    where: { accountId: actor.accountId },
    create: { accountId: actor.accountId, ...data, updatedAt: now },
    update: { ...data, updatedAt: now },
  });
  // Peers' DNS settings are part of their network map.
  await bumpNetworkSerial(db, actor.accountId);
  return view(row);
}

function checkAddresses(list: string[], what: string): string[] {
  return [
    ...new Set(
      list.map((ip) => {
        const t = ip.trim();
        if (!ipFamily(t)) throw new ValidationError(`${what}: ${JSON.stringify(ip)} is not a valid IP address`);
        return t.toLowerCase();
      }),
    ),
  ];
}

function checkDomain(d: string, what: string): string {
  const n = normalizeDomain(d);
  if (!n) throw new ValidationError(`${what}: ${JSON.stringify(d)} is not a valid domain name`);
  return n;
}

/** Replaces the global nameservers; with none left, MagicDNS is turned off. */
export async function setNameservers(db: Tx, actor: Actor, list: string[]) {
  const nameservers = checkAddresses(list, 'dns');
  const dns = await save(db, actor, { nameservers: jsonList(nameservers), ...(nameservers.length ? {} : { magicDns: false }) });
  await recordChange(db, actor, {
    code: 'tailnet.dns.nameservers.update',
    activity: 'Tailnet DNS nameservers changed',
    targetId: actor.accountId,
    meta: { dns: dns.nameservers, magicDNS: dns.magicDns },
  });
  return dns;
}

export async function setMagicDns(db: Tx, actor: Actor, on: boolean) {
  if (on && !(await getTailnetDns(db, actor)).nameservers.length) throw new ValidationError('need at least one nameserver to enable MagicDNS');
  const dns = await save(db, actor, { magicDns: on });
  await recordChange(db, actor, { code: 'tailnet.dns.preferences.update', activity: dns.magicDns ? 'MagicDNS enabled' : 'MagicDNS disabled', targetId: actor.accountId, meta: { magicDNS: dns.magicDns } });
  return dns;
}

export async function setSearchPaths(db: Tx, actor: Actor, list: string[]) {
  const dns = await save(db, actor, { searchPaths: jsonList(list.map((d) => checkDomain(d, 'searchPaths'))) });
  await recordChange(db, actor, { code: 'tailnet.dns.searchpaths.update', activity: 'Tailnet DNS search paths changed', targetId: actor.accountId, meta: { searchPaths: dns.searchPaths } });
  return dns;
}

/**
 * Split DNS: `replace` sets the whole map (PUT), otherwise only the domains named change (PATCH).
 * A domain mapped to null or to an empty list loses its nameservers.
 */
export async function updateSplitDns(db: Tx, actor: Actor, changes: Record<string, string[] | null>, replace: boolean) {
  const next: SplitDns = replace ? {} : { ...(await getTailnetDns(db, actor)).splitDns };
  for (const [raw, list] of Object.entries(changes)) {
    const domain = checkDomain(raw, 'split DNS domain');
    const servers = list ? checkAddresses(list, `split DNS ${domain}`) : [];
    if (servers.length) next[domain] = servers;
    else delete next[domain];
  }
  const dns = await save(db, actor, { splitDns: jsonValue(next) });
  await recordChange(db, actor, { code: 'tailnet.dns.splitdns.update', activity: 'Tailnet split DNS changed', targetId: actor.accountId, meta: { splitDNS: dns.splitDns } });
  return dns;
}

/** A peer's DNS in its network map: NetBird's nameserver groups plus the tailnet's DNS settings. */
export interface AgentDnsConfig extends PeerDnsConfig {
  /** Tailscale's search paths. */
  searchDomains: string[];
  /** Tailscale's MagicDNS switch (peers' names are served either way, as NetBird does). */
  magicDns: boolean;
}

/**
 * Adds the Tailscale DNS settings to a peer's NetBird DNS configuration, on the same model: global
 * nameservers become a primary nameserver group, each split-DNS domain a match-domain group. A peer
 * whose DNS management is disabled (NetBird's setting) gets neither.
 */
export async function withTailnetDns(db: Tx, accountId: string, base: PeerDnsConfig, serial?: number): Promise<AgentDnsConfig> {
  const load = async () => view(await db.tailnetDns.findUnique({ where: { accountId } }));
  const ts = serial === undefined ? await load() : await perSerial(accountId, serial, 'tailnet-dns', load);
  if (!base.enabled) return { ...base, searchDomains: [], magicDns: ts.magicDns };
  const udp = (ip: string) => ({ ip, nsType: 'udp', port: 53 });
  const groups: PeerDnsConfig['nameserverGroups'] = [];
  if (ts.nameservers.length) {
    groups.push({ id: 'tailnet-dns', name: 'Tailscale DNS', nameservers: ts.nameservers.map(udp), primary: true, domains: [], searchDomainsEnabled: false });
  }
  for (const [domain, servers] of Object.entries(ts.splitDns)) {
    groups.push({ id: `tailnet-dns:${domain}`, name: `Tailscale split DNS ${domain}`, nameservers: servers.map(udp), primary: false, domains: [domain], searchDomainsEnabled: false });
  }
  return { ...base, nameserverGroups: [...base.nameserverGroups, ...groups], searchDomains: ts.searchPaths, magicDns: ts.magicDns };
}
