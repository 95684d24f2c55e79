// "Agents older than the newest version seen": which of an account's reported agent versions are
// older than the newest one. Compared as NetBird compares agent versions (posture/version.ts, the
// pre-release suffix dropped); a version that does not parse ("development", "") is neither newest
// nor older, so a dev build never makes every release peer look outdated.
import { beforeDash, compareVersions, parseVersion, type ParsedVersion } from '../posture/version';

export interface VersionSplit {
  newest: string | null;
  /** The distinct stored versions that are older than `newest`. */
  older: string[];
}

export function splitVersions(versions: readonly string[]): VersionSplit {
  const parsed = versions.map((v) => ({ v, p: parseVersion(beforeDash(v)) })).filter((x): x is { v: string; p: ParsedVersion } => x.p !== null);
  if (!parsed.length) return { newest: null, older: [] };
  const top = parsed.reduce((a, b) => (compareVersions(b.p, a.p) > 0 ? b : a));
  return { newest: beforeDash(top.v), older: parsed.filter((x) => compareVersions(x.p, top.p) < 0).map((x) => x.v) };
}
