// What an agent reports about its system (NetBird's PeerSystemMeta, the part meshdeck keeps): set
// at registration and updated through POST /api/agent/meta. Posture checks read it, so a change to
// a posture-relevant field bumps the network serial — but only while some policy has posture
// checks, since otherwise no map depends on it.
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { jsonValue } from '../json';
import { anyPolicyWithPostureChecks, POSTURE_PEER_COLUMNS } from '../posture/sources';
import { bumpNetworkSerial } from '../serial';

export interface NetworkAddress {
  /** The interface address with its prefix length: "192.168.1.5/24". */
  net_ip: string;
  mac?: string;
}

export interface ReportedFile {
  path: string;
  exist: boolean;
  process_is_running: boolean;
}

export interface PeerMeta {
  os?: string;
  osVersion?: string;
  kernelVersion?: string;
  version?: string;
  uiVersion?: string;
  serialNumber?: string;
  networkAddresses?: NetworkAddress[];
  files?: ReportedFile[];
}

type MetaColumns = Pick<Peer, 'os' | 'osVersion' | 'kernelVersion' | 'version' | 'uiVersion' | 'serialNumber' | 'networkAddresses' | 'reportedFiles'>;

/** The columns the given fields set; absent fields are left out. */
function columnsOf(meta: PeerMeta): Partial<MetaColumns> {
  const out: Partial<MetaColumns> = {};
  for (const k of ['os', 'osVersion', 'kernelVersion', 'version', 'uiVersion', 'serialNumber'] as const) {
    const v = meta[k];
    if (v !== undefined) out[k] = v;
  }
  if (meta.networkAddresses) out.networkAddresses = jsonValue(meta.networkAddresses.map((a) => (a.mac ? { net_ip: a.net_ip, mac: a.mac } : { net_ip: a.net_ip })));
  if (meta.files) out.reportedFiles = jsonValue(meta.files.map((f) => ({ path: f.path, exist: f.exist, process_is_running: f.process_is_running })));
  return out;
}

/** A new peer's meta columns: absent fields empty. */
export function initialMetaColumns(meta: PeerMeta): MetaColumns {
  return { os: '', osVersion: '', kernelVersion: '', version: '', uiVersion: '', serialNumber: '', networkAddresses: '[]', reportedFiles: '[]', ...columnsOf(meta) };
}

/**
 * Replaces the fields the agent sent (the others stay as they are). `serialBumped` tells whether
 * the change can alter access: a posture-relevant field changed while a policy has posture checks.
 */
export async function updatePeerMeta(db: Tx, peer: Peer, meta: PeerMeta): Promise<{ changed: boolean; serialBumped: boolean }> {
  const next = columnsOf(meta);
  const changed = (Object.keys(next) as (keyof MetaColumns)[]).filter((k) => next[k] !== peer[k]);
  if (!changed.length) return { changed: false, serialBumped: false };
  await db.peer.update({ where: { id: peer.id }, data: next });
  // A column posture checks read (agents do not report the location, so these are the meta ones).
  const relevant = changed.some((k) => k in POSTURE_PEER_COLUMNS);
  const serialBumped = relevant && (await anyPolicyWithPostureChecks(db, peer.accountId));
  if (serialBumped) await bumpNetworkSerial(db, peer.accountId);
  return { changed: true, serialBumped };
}
