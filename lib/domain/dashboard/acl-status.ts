// The access-policy document as the dashboard shows it: when it was last saved, by whom, and
// whether its `tests` pass against the account as it is now (users and peers change after a save;
// a test that passed then may fail today: the document stays enforced, but its next save is refused). The
// verdict is the editor's own check (acl/check.ts) over the account's topology, computed once per
// network serial: the document and everything it reads move the serial.
import { inTransaction, type Tx } from '../../db/client';
import { perSerial } from '../access/per-serial';
import { checkPolicy, parsePolicyText } from '../acl/check';
import { topologyFromRows, topologyPeers, topologyUsers } from '../acl/topology';
import { peerSnapshot } from '../access/peer-store';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import { networkSerial } from '../serial';

export interface AclTests {
  /** Assertions in `tests` (each destination of each entry counts once). */
  total: number;
  failed: number;
  /** Problems other than failed assertions (the document no longer compiles), first one. */
  problem: string | null;
}

export interface AclSummary {
  /** False while the account still has Tailscale's default document (never saved). */
  saved: boolean;
  updatedAt: string | null;
  version: number | null;
  author: string | null;
  /** Whether the document has `tests` (or `sshTests`) at all. */
  hasTests: boolean;
}

export async function aclSummary(db: Tx, accountId: string): Promise<AclSummary & { text: string | null }> {
  const [doc, last] = await Promise.all([
    db.aclDocument.findUnique({ where: { accountId }, select: { text: true, isDefault: true, updatedAt: true } }),
    db.aclVersion.findFirst({ where: { accountId }, orderBy: { number: 'desc' }, select: { number: true, authorName: true } }),
  ]);
  if (!doc) return { saved: false, updatedAt: null, version: null, author: null, hasTests: false, text: null };
  let hasTests = false;
  try {
    const parsed = parsePolicyText(doc.text);
    hasTests = parsed.tests !== undefined || parsed.sshTests !== undefined;
  } catch {
    hasTests = false;
  }
  return { saved: !doc.isDefault, updatedAt: doc.updatedAt.toISOString(), version: last?.number ?? null, author: last?.authorName || null, hasTests, text: doc.text };
}

// The last compiled document per account: the next serial's compile reuses what did not change
// (unchanged nodes keep their views), as the access model does.
const g = globalThis as unknown as { __meshdeckDashboardAcl?: Map<string, CompiledTailscalePolicy> };
const previous = (g.__meshdeckDashboardAcl ??= new Map());

/** Assertions in `tests`: each destination of each entry (as acl/check.ts's testAssertions counts them). */
function assertionCount(tests: unknown): number {
  if (!Array.isArray(tests)) return 0;
  return tests.reduce((n: number, t) => n + (t && typeof t === 'object' ? ['accept', 'deny'].reduce((m, k) => m + (Array.isArray((t as Record<string, unknown>)[k]) ? ((t as Record<string, unknown[]>)[k]).length : 0), 0) : 0), 0);
}

/**
 * Runs the document's tests against today's topology, once per serial. The peers come from the
 * in-memory peer store (the same row objects while unchanged, so their nodes are not rebuilt) and
 * the compile reuses the last one: at 100,000 peers a change costs the changed nodes, not all.
 * A document that compiles passes every test; one that does not gets the editor's full check for
 * which tests fail and why.
 */
export async function aclTests(db: Tx, accountId: string, text: string): Promise<AclTests> {
  const shared = !inTransaction(db);
  const run = async (): Promise<AclTests> => {
    const [users, peers] = await Promise.all([topologyUsers(db, accountId), shared ? peerSnapshot(db, accountId).then((s) => [...s.peers]) : topologyPeers(db, accountId)]);
    const topology = topologyFromRows(users, peers);
    let doc;
    try {
      doc = parsePolicyText(text);
    } catch (e) {
      return { total: 0, failed: 0, problem: (e as Error).message };
    }
    const compiled = compileTailscalePolicy(doc, topology, shared ? previous.get(accountId) : undefined);
    if (!isCompileError(compiled)) {
      if (shared) previous.set(accountId, compiled);
      return { total: assertionCount(doc.tests), failed: 0, problem: null };
    }
    const check = checkPolicy(text, topology);
    const failed = check.tests.filter((t) => !t.pass).length;
    const other = check.problems.find((p) => !p.message.startsWith('test(s) failed'));
    return { total: check.tests.length, failed, problem: other?.message ?? (failed ? null : compiled.error) };
  };
  // Inside a write transaction nothing is shared (what it reads may not be committed).
  if (!shared) return run();
  return perSerial(accountId, await networkSerial(db, accountId), 'dashboard:acl-tests', run);
}
