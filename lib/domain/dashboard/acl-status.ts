// The access-policy document as the dashboard shows it: when it was last saved, by whom, and
// whether its `tests` pass against the account as it is now (users and peers change after a save;
// a test that passed then may fail today, and the document then grants nothing until fixed). The
// verdict is the editor's own check (acl/check.ts) over the account's topology, computed once per
// network serial: the document and everything it reads move the serial.
import { inTransaction, type Tx } from '../../db/client';
import { perSerial } from '../access/per-serial';
import { checkPolicy, parsePolicyText } from '../acl/check';
import { topologyFromRows, topologyPeers, topologyUsers } from '../acl/topology';
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

/** Runs the document's tests against today's topology, once per serial. */
export async function aclTests(db: Tx, accountId: string, text: string): Promise<AclTests> {
  const run = async () => {
    const [users, peers] = await Promise.all([topologyUsers(db, accountId), topologyPeers(db, accountId)]);
    const check = checkPolicy(text, topologyFromRows(users, peers));
    const failed = check.tests.filter((t) => !t.pass).length;
    const other = check.problems.find((p) => !p.message.startsWith('test(s) failed'));
    return { total: check.tests.length, failed, problem: other?.message ?? null };
  };
  // Inside a write transaction nothing is shared (what it reads may not be committed).
  if (inTransaction(db)) return run();
  return perSerial(accountId, await networkSerial(db, accountId), 'dashboard:acl-tests', run);
}
