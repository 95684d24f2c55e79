// Evaluating posture checks against one peer, with NetBird's semantics (management/server/posture):
// one pure function per check kind, each answering "does the peer pass". Where NetBird's check
// returns an error (data missing or unparsable) the peer fails, as NetBird's evaluation treats any
// error as a failed check. Details and examples: docs/policy-model.md, "Posture checks".
import type { Checks } from './rules';
import { beforeDash, meetsMinimum } from './version';
import { parsePrefix } from '../validate-net';

/** What the agent reported (and, for the location, what the server knows) about a peer. */
export interface PostureSubject {
  /** Go's GOOS: linux, darwin, windows, android, ios, freebsd, … */
  os: string;
  osVersion: string;
  kernelVersion: string;
  /** The agent's version (NetBird's WtVersion). */
  version: string;
  countryCode: string;
  cityName: string;
  /** The peer's local interfaces, each address with its prefix length ("192.168.1.5/24"). */
  networkAddresses: { net_ip: string; mac?: string }[];
  /** Files the agent was asked about, and whether a process runs from each. */
  files: { path: string; exist?: boolean; process_is_running?: boolean }[];
}

type Check<K extends keyof Checks> = NonNullable<Checks[K]>;

/** The agent's version, its pre-release suffix dropped on both sides ("0.50.0-dev" is 0.50.0). */
export function passesNbVersion(check: Check<'nb_version_check'>, peer: PostureSubject): boolean {
  return meetsMinimum(beforeDash(peer.version), beforeDash(check.min_version));
}

/**
 * By the peer's OS: Android, macOS and iOS compare the OS version, Linux the kernel version before
 * its first "-" ("6.5.11-linuxkit" is 6.5.11), Windows the kernel version as is. One of these five
 * without a minimum in the check fails; any other OS passes (NetBird's check has no case for it).
 */
export function passesOsVersion(check: Check<'os_version_check'>, peer: PostureSubject): boolean {
  switch (peer.os) {
    case 'android':
    case 'darwin':
    case 'ios': {
      const min = check[peer.os]?.min_version;
      return min !== undefined && meetsMinimum(peer.osVersion, min);
    }
    case 'linux': {
      const min = check.linux?.min_kernel_version;
      return min !== undefined && meetsMinimum(beforeDash(peer.kernelVersion), min);
    }
    case 'windows': {
      const min = check.windows?.min_kernel_version;
      return min !== undefined && meetsMinimum(peer.kernelVersion, min);
    }
    default:
      return true;
  }
}

/**
 * A listed location matches when the country code is the peer's and the city is either not given
 * or the peer's (exact names). allow: pass on a match; deny: pass unless one matches. A peer whose
 * location is unknown fails either way.
 */
export function passesGeoLocation(check: Check<'geo_location_check'>, peer: PostureSubject): boolean {
  if (!peer.countryCode && !peer.cityName) return false;
  const match = check.locations.some((l) => l.country_code === peer.countryCode && (!l.city_name || l.city_name === peer.cityName));
  return actionResult(check.action, match);
}

/**
 * A range matches an interface when the interface's network (its address masked by its own prefix
 * length) is exactly that range, as NetBird compares them: "192.168.1.5/24" matches 192.168.1.0/24
 * but not 192.168.0.0/16. A peer that reported no interfaces fails either way.
 */
export function passesNetworkRange(check: Check<'peer_network_range_check'>, peer: PostureSubject): boolean {
  if (!peer.networkAddresses.length) return false;
  const ranges = new Set(check.ranges.map((r) => parsePrefix(r)?.masked));
  const match = peer.networkAddresses.some((a) => {
    const net = parsePrefix(a.net_ip)?.masked;
    return net !== undefined && ranges.has(net);
  });
  return actionResult(check.action, match);
}

const PATH_FOR_OS: Record<string, 'linux_path' | 'mac_path' | 'windows_path'> = { linux: 'linux_path', darwin: 'mac_path', windows: 'windows_path' };

/**
 * Every listed process must run from its path for the peer's OS (Linux, macOS or Windows; other
 * systems fail). A process without a path for that OS fails the check.
 */
export function passesProcess(check: Check<'process_check'>, peer: PostureSubject): boolean {
  const key = PATH_FOR_OS[peer.os];
  if (!key) return false;
  const running = new Set(peer.files.filter((f) => f.process_is_running === true).map((f) => f.path));
  return check.processes.every((p) => !!p[key] && running.has(p[key]!));
}

function actionResult(action: string, matched: boolean): boolean {
  if (action === 'allow') return matched;
  if (action === 'deny') return !matched;
  return false;
}

/** Whether the peer passes every check kind the definition holds. */
export function passesChecks(checks: Checks, peer: PostureSubject): boolean {
  return (
    (!checks.nb_version_check || passesNbVersion(checks.nb_version_check, peer)) &&
    (!checks.os_version_check || passesOsVersion(checks.os_version_check, peer)) &&
    (!checks.geo_location_check || passesGeoLocation(checks.geo_location_check, peer)) &&
    (!checks.peer_network_range_check || passesNetworkRange(checks.peer_network_range_check, peer)) &&
    (!checks.process_check || passesProcess(checks.process_check, peer))
  );
}
