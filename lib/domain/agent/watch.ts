// What an agent is asked to watch: the executable paths of the process posture checks that enabled
// policies use, for the peer's OS. Its map carries them (`watch_files`); the agent reports, through
// `meta.files`, whether each exists and whether a process runs from it, and process checks read
// that. Changing a policy, or a check a policy uses, moves the network serial (a check no policy
// uses cannot matter), so agents get a new list exactly when it can change.
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { parseJsonList, parseJsonObject } from '../json';
import type { Checks } from '../posture/rules';
import { perSerial } from '../access/per-serial';

const PATH_FOR_OS = { linux: 'linux_path', darwin: 'mac_path', windows: 'windows_path' } as const;

/** The paths for `os` in the given check definitions, sorted, each once. */
export function processPaths(definitions: readonly Checks[], os: string): string[] {
  const key = PATH_FOR_OS[os as keyof typeof PATH_FOR_OS];
  if (!key) return [];
  const paths = definitions.flatMap((c) => (c.process_check?.processes ?? []).map((p) => p[key]).filter((p): p is string => !!p));
  return [...new Set(paths)].sort();
}

/** `serial`: the account's network serial when known (agent syncs): the checks are read once per serial. */
export async function watchFiles(db: Tx, peer: Pick<Peer, 'accountId' | 'os'>, serial?: number): Promise<string[]> {
  const load = () => processCheckDefinitions(db, peer.accountId);
  const definitions = serial === undefined ? await load() : await perSerial(peer.accountId, serial, 'watch-files', load);
  return processPaths(definitions, peer.os || 'linux');
}

async function processCheckDefinitions(db: Tx, accountId: string): Promise<Checks[]> {
  const policies = await db.policy.findMany({ where: { accountId, enabled: true, NOT: { sourcePostureChecks: '[]' } }, select: { sourcePostureChecks: true } });
  const ids = [...new Set(policies.flatMap((p) => parseJsonList(p.sourcePostureChecks)))];
  if (!ids.length) return [];
  const rows = await db.postureCheck.findMany({ where: { accountId, id: { in: ids } }, select: { checks: true } });
  return rows.map((r) => parseJsonObject<Checks>(r.checks) ?? {});
}
