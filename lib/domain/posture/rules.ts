// What a posture check definition may say. Stored in NetBird's `checks` shape (snake_case keys), so
// the definition here is that shape; validation normalises it (country codes upper-cased, paths
// and ranges trimmed, empty optional values dropped) before it is stored.
import { isIP } from 'node:net';
import { COUNTRY_CODES } from './country-codes';
import { ValidationError } from '../errors';

export const CHECK_ACTIONS = ['allow', 'deny'] as const;
export const CHECK_KINDS = ['nb_version_check', 'os_version_check', 'geo_location_check', 'peer_network_range_check', 'process_check'] as const;

interface MinVersion {
  min_version: string;
}
interface MinKernelVersion {
  min_kernel_version: string;
}

export interface Checks {
  nb_version_check?: MinVersion;
  os_version_check?: { android?: MinVersion; darwin?: MinVersion; ios?: MinVersion; linux?: MinKernelVersion; windows?: MinKernelVersion };
  geo_location_check?: { locations: { country_code: string; city_name?: string }[]; action: string };
  peer_network_range_check?: { ranges: string[]; action: string };
  process_check?: { processes: { linux_path?: string; mac_path?: string; windows_path?: string }[] };
}

/** "0.25.0", "14", "17.3.1", "10.0.22631", "6.1.0-rc1", "v1.2": what hashicorp/go-version parses. */
const VERSION = /^v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function version(v: string, what: string): string {
  const s = v.trim();
  if (s.length > 64 || !VERSION.test(s)) throw new ValidationError(`${what}: "${v}" is not a valid version (like 0.25.0 or 14.0)`);
  return s;
}

function action(v: string, what: string): string {
  if (!(CHECK_ACTIONS as readonly string[]).includes(v)) throw new ValidationError(`${what}: action must be allow or deny (got "${v}")`);
  return v;
}

/** True for "10.0.0.0/8", "2001:db8::/32", "1.2.3.4/32"; the prefix length must fit the family. */
export function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!family || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export function validateChecks(checks: Checks | undefined): Checks {
  const c = checks ?? {};
  if (!CHECK_KINDS.some((k) => c[k])) throw new ValidationError(`posture checks shouldn't be empty: give at least one of ${CHECK_KINDS.join(', ')}`);
  const out: Checks = {};

  if (c.nb_version_check) out.nb_version_check = { min_version: version(c.nb_version_check.min_version, 'nb_version_check') };

  if (c.os_version_check) {
    const os = c.os_version_check;
    const o: NonNullable<Checks['os_version_check']> = {};
    for (const k of ['android', 'darwin', 'ios'] as const) {
      const v = os[k];
      if (v) o[k] = { min_version: version(v.min_version, `os_version_check.${k}`) };
    }
    for (const k of ['linux', 'windows'] as const) {
      const v = os[k];
      if (v) o[k] = { min_kernel_version: version(v.min_kernel_version, `os_version_check.${k}`) };
    }
    if (!Object.keys(o).length) throw new ValidationError('os_version_check: give a minimum version for at least one of android, darwin, ios, linux, windows');
    out.os_version_check = o;
  }

  if (c.geo_location_check) {
    const g = c.geo_location_check;
    if (!g.locations.length) throw new ValidationError("geo_location_check: locations shouldn't be empty");
    const locations = g.locations.map((l) => {
      const code = l.country_code.trim().toUpperCase();
      if (!COUNTRY_CODES.has(code)) throw new ValidationError(`geo_location_check: "${l.country_code}" is not an ISO 3166-1 alpha-2 country code`);
      const city = l.city_name?.trim();
      return city ? { country_code: code, city_name: city } : { country_code: code };
    });
    out.geo_location_check = { locations, action: action(g.action, 'geo_location_check') };
  }

  if (c.peer_network_range_check) {
    const n = c.peer_network_range_check;
    const ranges = [...new Set(n.ranges.map((r) => r.trim()))];
    if (!ranges.length) throw new ValidationError("peer_network_range_check: ranges shouldn't be empty");
    const bad = ranges.find((r) => !isCidr(r));
    if (bad !== undefined) throw new ValidationError(`peer_network_range_check: "${bad}" is not a network range in CIDR notation`);
    out.peer_network_range_check = { ranges, action: action(n.action, 'peer_network_range_check') };
  }

  if (c.process_check) {
    const p = c.process_check;
    if (!p.processes.length) throw new ValidationError("process_check: processes shouldn't be empty");
    out.process_check = {
      processes: p.processes.map((proc, i) => {
        const paths = Object.fromEntries(
          (['linux_path', 'mac_path', 'windows_path'] as const).flatMap((k) => {
            const v = proc[k]?.trim();
            return v ? [[k, v]] : [];
          }),
        );
        if (!Object.keys(paths).length) throw new ValidationError(`process_check: process ${i + 1} needs at least one of linux_path, mac_path, windows_path`);
        return paths;
      }),
    };
  }
  return out;
}
