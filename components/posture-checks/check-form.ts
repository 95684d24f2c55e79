// A posture check as the console's form holds it (each of NetBird's five kinds switched on or off),
// the PostureCheckUpdate body it becomes, and a one-line summary for the list.
import type { Checks } from '@/lib/domain/posture/rules';
import type { NetbirdPostureCheck as PostureCheck } from '@/lib/dialects/netbird/posture-checks';

export type { PostureCheck };

export const OS_FIELDS = [
  { key: 'android', label: 'Android', field: 'min_version' },
  { key: 'darwin', label: 'macOS', field: 'min_version' },
  { key: 'ios', label: 'iOS', field: 'min_version' },
  { key: 'linux', label: 'Linux kernel', field: 'min_kernel_version' },
  { key: 'windows', label: 'Windows kernel', field: 'min_kernel_version' },
] as const;
type OsKey = (typeof OS_FIELDS)[number]['key'];

export interface Location {
  country: string;
  city: string;
}
export interface ProcessPaths {
  linux: string;
  mac: string;
  windows: string;
}

export interface CheckForm {
  name: string;
  description: string;
  nb: { on: boolean; min: string };
  os: { on: boolean } & Record<OsKey, string>;
  geo: { on: boolean; action: string; locations: Location[] };
  net: { on: boolean; action: string; ranges: string };
  proc: { on: boolean; processes: ProcessPaths[] };
}

export const emptyProcess = (): ProcessPaths => ({ linux: '', mac: '', windows: '' });

export function newCheckForm(): CheckForm {
  return {
    name: '',
    description: '',
    nb: { on: false, min: '' },
    os: { on: false, android: '', darwin: '', ios: '', linux: '', windows: '' },
    geo: { on: false, action: 'allow', locations: [{ country: '', city: '' }] },
    net: { on: false, action: 'allow', ranges: '' },
    proc: { on: false, processes: [emptyProcess()] },
  };
}

export function formOfCheck(p: PostureCheck): CheckForm {
  const c = p.checks;
  const f = newCheckForm();
  const os = c.os_version_check ?? {};
  return {
    name: p.name,
    description: p.description,
    nb: { on: Boolean(c.nb_version_check), min: c.nb_version_check?.min_version ?? '' },
    os: {
      on: Boolean(c.os_version_check),
      android: os.android?.min_version ?? '',
      darwin: os.darwin?.min_version ?? '',
      ios: os.ios?.min_version ?? '',
      linux: os.linux?.min_kernel_version ?? '',
      windows: os.windows?.min_kernel_version ?? '',
    },
    geo: c.geo_location_check
      ? { on: true, action: c.geo_location_check.action, locations: c.geo_location_check.locations.map((l) => ({ country: l.country_code, city: l.city_name ?? '' })) }
      : f.geo,
    net: c.peer_network_range_check ? { on: true, action: c.peer_network_range_check.action, ranges: c.peer_network_range_check.ranges.join('\n') } : f.net,
    proc: c.process_check
      ? { on: true, processes: c.process_check.processes.map((p) => ({ linux: p.linux_path ?? '', mac: p.mac_path ?? '', windows: p.windows_path ?? '' })) }
      : f.proc,
  };
}

const listOf = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/** The PostureCheckUpdate body, or an Error saying what to fill in first. */
export function checkBody(f: CheckForm) {
  const name = f.name.trim();
  if (!name) throw new Error('Give the posture check a name.');
  const checks: Checks = {};
  if (f.nb.on) {
    if (!f.nb.min.trim()) throw new Error('NetBird version: enter the minimum version, e.g. 0.25.0.');
    checks.nb_version_check = { min_version: f.nb.min.trim() };
  }
  if (f.os.on) {
    const os: NonNullable<Checks['os_version_check']> = {};
    for (const { key, field } of OS_FIELDS) {
      const v = f.os[key].trim();
      if (v) Object.assign(os, { [key]: { [field]: v } });
    }
    if (!Object.keys(os).length) throw new Error('OS version: enter a minimum version for at least one system.');
    checks.os_version_check = os;
  }
  if (f.geo.on) {
    const locations = f.geo.locations.filter((l) => l.country || l.city.trim());
    if (!locations.length || locations.some((l) => !l.country)) throw new Error('Location: choose a country for every location.');
    checks.geo_location_check = { action: f.geo.action, locations: locations.map((l) => ({ country_code: l.country, ...(l.city.trim() ? { city_name: l.city.trim() } : {}) })) };
  }
  if (f.net.on) {
    const ranges = listOf(f.net.ranges);
    if (!ranges.length) throw new Error('Network range: enter at least one range, e.g. 192.168.0.0/16.');
    checks.peer_network_range_check = { action: f.net.action, ranges };
  }
  if (f.proc.on) {
    const processes = f.proc.processes.map((p) => ({ linux_path: p.linux.trim(), mac_path: p.mac.trim(), windows_path: p.windows.trim() }));
    if (processes.some((p) => !p.linux_path && !p.mac_path && !p.windows_path)) throw new Error('Process: give each process a path for at least one system.');
    checks.process_check = { processes: processes.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v))) };
  }
  if (!Object.keys(checks).length) throw new Error('Switch on at least one check.');
  return { name, description: f.description.trim(), checks };
}

export function checkSummary(c: Checks): string[] {
  const out: string[] = [];
  if (c.nb_version_check) out.push(`NetBird ≥ ${c.nb_version_check.min_version}`);
  if (c.os_version_check) {
    const os = c.os_version_check as Record<string, Record<string, string> | undefined>;
    out.push(`OS: ${OS_FIELDS.flatMap(({ key, label, field }) => (os[key] ? [`${label} ≥ ${os[key]![field]}`] : [])).join(', ')}`);
  }
  if (c.geo_location_check) {
    const where = c.geo_location_check.locations.map((l) => (l.city_name ? `${l.city_name} (${l.country_code})` : l.country_code));
    out.push(`Location: ${c.geo_location_check.action} ${where.join(', ')}`);
  }
  if (c.peer_network_range_check) out.push(`Network: ${c.peer_network_range_check.action} ${c.peer_network_range_check.ranges.join(', ')}`);
  if (c.process_check) out.push(`Processes: ${c.process_check.processes.length} must run`);
  return out;
}
