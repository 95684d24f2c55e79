// Posture check evaluation, kind by kind, with NetBird's semantics (management/server/posture):
// version boundaries and go-version's pre-release rules, OSes without a minimum, allow vs deny,
// cities, exact network ranges (IPv4 and IPv6), processes per OS, and missing data.
import { describe, expect, it } from 'vitest';
import { passesChecks, passesGeoLocation, passesNbVersion, passesNetworkRange, passesOsVersion, passesProcess, type PostureSubject } from '@/lib/domain/posture/evaluate';
import { compareVersions, meetsMinimum, parseVersion } from '@/lib/domain/posture/version';

const peer = (over: Partial<PostureSubject> = {}): PostureSubject => ({
  os: 'linux', osVersion: '', kernelVersion: '', version: '', countryCode: '', cityName: '', networkAddresses: [], files: [], ...over,
});

describe('versions (go-version)', () => {
  it('pads segments and compares numerically', () => {
    expect(parseVersion('14')).toEqual({ segments: [14, 0, 0], prerelease: '' });
    expect(parseVersion('v1.2.3+build.5')).toEqual({ segments: [1, 2, 3], prerelease: '' });
    expect(parseVersion('1.2beta')).toEqual({ segments: [1, 2, 0], prerelease: 'beta' });
    expect(meetsMinimum('0.10.0', '0.9.9')).toBe(true);
    expect(meetsMinimum('1.2.3.0', '1.2.3')).toBe(true);
    expect(meetsMinimum('1.2.2.9', '1.2.3')).toBe(false);
    expect(compareVersions(parseVersion('1.0.0-rc.2')!, parseVersion('1.0.0-rc.10')!)).toBe(-1);
    expect(compareVersions(parseVersion('1.0.0-rc1')!, parseVersion('1.0.0')!)).toBe(-1);
  });

  it('refuses garbage and pre-releases against a release minimum', () => {
    for (const bad of ['', 'development', 'x.y.1', '1..2', ' 1.2', '1.2.3 ']) expect(parseVersion(bad)).toBeNull();
    expect(meetsMinimum('development', '0.1.0')).toBe(false);
    expect(meetsMinimum('0.60.0', 'garbage')).toBe(false);
    // go-version: a pre-release only meets a pre-release minimum of the same segments.
    expect(meetsMinimum('6.5.0-rc1', '6.0')).toBe(false);
    expect(meetsMinimum('6.5.0-rc2', '6.5.0-rc1')).toBe(true);
    expect(meetsMinimum('6.5.0', '6.5.0-rc1')).toBe(true);
  });
});

describe('nb_version_check', () => {
  const check = { min_version: '0.50.0' };
  it('passes at and above the minimum, fails below', () => {
    expect(passesNbVersion(check, peer({ version: '0.50.0' }))).toBe(true);
    expect(passesNbVersion(check, peer({ version: '0.60.1' }))).toBe(true);
    expect(passesNbVersion(check, peer({ version: '0.49.9' }))).toBe(false);
  });
  it('drops pre-release suffixes on both sides, and fails unparsable versions', () => {
    expect(passesNbVersion(check, peer({ version: '0.50.0-dev' }))).toBe(true);
    expect(passesNbVersion({ min_version: '0.50.0-rc1' }, peer({ version: '0.50.0' }))).toBe(true);
    expect(passesNbVersion(check, peer({ version: '0.49.0-SNAPSHOT-abc' }))).toBe(false);
    expect(passesNbVersion(check, peer({ version: 'development' }))).toBe(false);
    expect(passesNbVersion(check, peer({ version: '' }))).toBe(false);
  });
});

describe('os_version_check', () => {
  const check = { darwin: { min_version: '14.2' }, linux: { min_kernel_version: '6.0.0' }, windows: { min_kernel_version: '10.0.22000' } };
  it('compares the OS version on macOS and the kernel on Linux and Windows', () => {
    expect(passesOsVersion(check, peer({ os: 'darwin', osVersion: '14.2' }))).toBe(true);
    expect(passesOsVersion(check, peer({ os: 'darwin', osVersion: '14.1.2' }))).toBe(false);
    expect(passesOsVersion(check, peer({ os: 'linux', kernelVersion: '6.5.11-linuxkit', osVersion: '1' }))).toBe(true);
    expect(passesOsVersion(check, peer({ os: 'linux', kernelVersion: '5.15.0-91-generic' }))).toBe(false);
    expect(passesOsVersion(check, peer({ os: 'linux', kernelVersion: 'x.y.1' }))).toBe(false);
    expect(passesOsVersion(check, peer({ os: 'windows', kernelVersion: '10.0.22631.3007' }))).toBe(true);
    expect(passesOsVersion(check, peer({ os: 'windows', kernelVersion: '10.0.19045' }))).toBe(false);
  });
  it('fails a known OS the check gives no minimum for, passes an OS NetBird has no case for', () => {
    expect(passesOsVersion(check, peer({ os: 'ios', osVersion: '17.0' }))).toBe(false);
    expect(passesOsVersion(check, peer({ os: 'android', osVersion: '14' }))).toBe(false);
    expect(passesOsVersion({ ios: { min_version: '0' } }, peer({ os: 'ios', osVersion: '17.0.1' }))).toBe(true);
    expect(passesOsVersion(check, peer({ os: 'freebsd', kernelVersion: '1' }))).toBe(true);
  });
  it('does not strip suffixes off the macOS version', () => {
    expect(passesOsVersion(check, peer({ os: 'darwin', osVersion: '15.0-beta' }))).toBe(false);
  });
});

describe('geo_location_check', () => {
  const locations = [{ country_code: 'DE', city_name: 'Berlin' }, { country_code: 'FR' }];
  const berlin = peer({ countryCode: 'DE', cityName: 'Berlin' });
  const munich = peer({ countryCode: 'DE', cityName: 'Munich' });
  const paris = peer({ countryCode: 'FR', cityName: 'Paris' });
  it('allow passes a listed country (or country and city) only', () => {
    const allow = { locations, action: 'allow' };
    expect(passesGeoLocation(allow, berlin)).toBe(true);
    expect(passesGeoLocation(allow, paris)).toBe(true);
    expect(passesGeoLocation(allow, munich)).toBe(false);
  });
  it('deny passes everyone but the listed locations', () => {
    const deny = { locations, action: 'deny' };
    expect(passesGeoLocation(deny, berlin)).toBe(false);
    expect(passesGeoLocation(deny, paris)).toBe(false);
    expect(passesGeoLocation(deny, munich)).toBe(true);
  });
  it('fails a peer without a known location either way', () => {
    expect(passesGeoLocation({ locations, action: 'allow' }, peer())).toBe(false);
    expect(passesGeoLocation({ locations, action: 'deny' }, peer())).toBe(false);
  });
});

describe('peer_network_range_check', () => {
  const ranges = ['192.168.0.0/24', '10.0.0.0/8', '2001:db8:1234:1a00::/56'];
  const home = peer({ networkAddresses: [{ net_ip: '192.168.0.123/24' }, { net_ip: 'fe80::6089:eaff:fe0c:232f/64' }] });
  const elsewhere = peer({ networkAddresses: [{ net_ip: '198.19.249.3/24' }] });
  it('allow passes when an interface network is a listed range, deny the opposite', () => {
    expect(passesNetworkRange({ ranges, action: 'allow' }, home)).toBe(true);
    expect(passesNetworkRange({ ranges, action: 'allow' }, elsewhere)).toBe(false);
    expect(passesNetworkRange({ ranges, action: 'deny' }, home)).toBe(false);
    expect(passesNetworkRange({ ranges, action: 'deny' }, elsewhere)).toBe(true);
  });
  it('matches IPv6 interfaces by their masked network', () => {
    const v6 = peer({ networkAddresses: [{ net_ip: '2001:db8:1234:1a42::7/56' }] });
    expect(passesNetworkRange({ ranges, action: 'allow' }, v6)).toBe(true);
    expect(passesNetworkRange({ ranges: ['2001:db8::/32'], action: 'allow' }, v6)).toBe(false);
  });
  it('compares whole networks, as NetBird does: a wider range does not contain a narrower interface', () => {
    expect(passesNetworkRange({ ranges: ['192.168.0.0/16'], action: 'allow' }, home)).toBe(false);
    expect(passesNetworkRange({ ranges: ['192.168.0.0/16'], action: 'deny' }, home)).toBe(true);
  });
  it('fails a peer that reported no interfaces either way', () => {
    expect(passesNetworkRange({ ranges, action: 'allow' }, peer())).toBe(false);
    expect(passesNetworkRange({ ranges, action: 'deny' }, peer())).toBe(false);
  });
});

describe('process_check', () => {
  const check = { processes: [{ linux_path: '/usr/bin/falcon', mac_path: '/Applications/Falcon.app/falcon' }, { linux_path: '/usr/bin/netbird' }] };
  const files = [
    { path: '/usr/bin/falcon', exist: true, process_is_running: true },
    { path: '/usr/bin/netbird', exist: true, process_is_running: true },
  ];
  it('passes when every process runs from the path for the peer\'s OS', () => {
    expect(passesProcess(check, peer({ files }))).toBe(true);
    expect(passesProcess(check, peer({ files: [files[0], { ...files[1], process_is_running: false }] }))).toBe(false);
    expect(passesProcess(check, peer({ files: [files[0]] }))).toBe(false);
  });
  it('fails when a process has no path for the OS, on other OSes, and without reported files', () => {
    expect(passesProcess(check, peer({ os: 'darwin', files: [{ path: '/Applications/Falcon.app/falcon', exist: true, process_is_running: true }] }))).toBe(false);
    expect(passesProcess({ processes: [{ mac_path: '/a' }] }, peer({ os: 'darwin', files: [{ path: '/a', exist: true, process_is_running: true }] }))).toBe(true);
    expect(passesProcess(check, peer({ os: 'android', files }))).toBe(false);
    expect(passesProcess(check, peer())).toBe(false);
  });
});

describe('a whole definition', () => {
  it('passes only when every kind passes', () => {
    const checks = { nb_version_check: { min_version: '0.50.0' }, geo_location_check: { locations: [{ country_code: 'DE' }], action: 'allow' } };
    expect(passesChecks(checks, peer({ version: '0.60.0', countryCode: 'DE' }))).toBe(true);
    expect(passesChecks(checks, peer({ version: '0.60.0', countryCode: 'FR' }))).toBe(false);
    expect(passesChecks(checks, peer({ version: '0.40.0', countryCode: 'DE' }))).toBe(false);
  });
});
