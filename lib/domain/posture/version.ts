// Version comparison as NetBird's posture checks do it (they use hashicorp/go-version): numeric
// segments padded to three ("14" is 14.0.0, "1.2.3.0" equals "1.2.3"), an optional pre-release
// ("-rc1", or "beta" glued on: "1.2beta"), build metadata ("+abc") ignored. A minimum is met by
// `>= min`, where go-version refuses any pre-release version unless the minimum is a pre-release
// of the same segments: so "6.5.0-rc1" does not meet "6.0". Callers strip suffixes first where
// NetBird does (agent versions, Linux kernel versions).

export interface ParsedVersion {
  segments: number[];
  prerelease: string;
}

// go-version's pattern: digits and dots, then "-pre.release" or a pre-release starting with a
// letter (dash optional), then "+metadata". Anchored, no surrounding spaces.
const VERSION = /^v?([0-9]+(?:\.[0-9]+)*?)(?:-([0-9]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)|-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*))?(?:\+[0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*)?$/;

/** The version, or null when go-version would not parse it ("development", "", "x.y.1"). */
export function parseVersion(text: string): ParsedVersion | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  const segments = m[1].split('.').map(Number);
  if (segments.some((n) => !Number.isSafeInteger(n))) return null;
  while (segments.length < 3) segments.push(0);
  return { segments, prerelease: m[2] ?? m[3] ?? '' };
}

function comparePart(a: string, b: string): number {
  if (a === b) return 0;
  const aNum = /^[0-9]+$/.test(a);
  const bNum = /^[0-9]+$/.test(b);
  // A missing part: the other one decides (a numeric part sorts after nothing, a word before).
  if (a === '') return bNum ? -1 : 1;
  if (b === '') return aNum ? 1 : -1;
  if (aNum && !bNum) return -1;
  if (!aNum && bNum) return 1;
  if (!aNum && !bNum) return a > b ? 1 : -1;
  return Number(a) > Number(b) ? 1 : -1;
}

function comparePrereleases(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = comparePart(x[i] ?? '', y[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

const sameSegments = (a: ParsedVersion, b: ParsedVersion) => a.segments.length === b.segments.length && a.segments.every((n, i) => n === b.segments[i]);

/**
 * -1, 0 or 1. Missing segments count as 0; a release sorts after its pre-releases. As in
 * go-version, pre-releases are only compared when the segment lists are identical ("1.2.3.0-rc1"
 * equals "1.2.3").
 */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  if (sameSegments(a, b)) {
    if (a.prerelease === b.prerelease) return 0;
    if (!a.prerelease) return 1;
    if (!b.prerelease) return -1;
    return comparePrereleases(a.prerelease, b.prerelease);
  }
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i] ?? 0;
    const y = b.segments[i] ?? 0;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

/** go-version's `>= min` constraint; false when either side does not parse. */
export function meetsMinimum(version: string, minimum: string): boolean {
  const v = parseVersion(version);
  const min = parseVersion(minimum);
  if (!v || !min) return false;
  if (v.prerelease && !(min.prerelease && sameSegments(v, min))) return false;
  return compareVersions(v, min) >= 0;
}

/** What NetBird keeps of an agent or Linux kernel version: the part before the first "-". */
export const beforeDash = (version: string) => version.split('-')[0];
