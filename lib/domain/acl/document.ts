// The account's access-policy document: one HuJSON text per account (comments kept byte for
// byte), its ETag, and the history of every saved text. Saving validates against the account's
// topology, compares-and-swaps on the ETag in one conditional UPDATE (two writers holding the same
// ETag: exactly one wins), records a version, bumps the network serial and audits the change.
import { createHash } from 'node:crypto';
import { inTransaction, type Tx } from '../../db/client';
import { dbConfig } from '../../db/config';
import type { AclDocument, AclVersion } from '../../db/models';
import type { Actor } from '../actor';
import { DEFAULT_ACL_TEXT } from './default-policy';
import { checkPolicyText } from './policy-text';
import { NotFoundError, PayloadTooLargeError, PreconditionFailedError } from '../errors';
import { newId } from '../ids';
import { bumpNetworkSerial } from '../serial';
import { recordChange } from '../audit';

/**
 * Largest policy document, in UTF-8 bytes: the same 1 MiB as any request body. A hand-written policy
 * of thousands of rules is a few hundred KiB; every save compiles the whole document into every
 * peer's map, so a larger one would be slow to save and to use rather than useful.
 */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Refuses (413) a document over MAX_POLICY_BYTES, however it arrived. */
export function checkPolicySize(text: string): void {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_POLICY_BYTES) throw new PayloadTooLargeError(`policy file too large: ${size} bytes (limit ${MAX_POLICY_BYTES} bytes)`);
}

/** `If-Match: "ts-default"`: replace only the untouched default document. */
export const TS_DEFAULT = 'ts-default';

export const etagOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The ETag header value (quoted, as Tailscale sends it). */
export const quotedEtag = (etag: string) => `"${etag}"`;

/** An If-Match header → the bare ETag ("*" and absent → undefined: no precondition). */
export function parseIfMatch(header: string | null | undefined): string | undefined {
  const v = header?.trim().replace(/^W\//, '');
  if (!v || v === '*') return undefined;
  return v.replace(/^"(.*)"$/, '$1');
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 'P2002';
}

/** The document, created with Tailscale's default text (as version 1) the first time it is read. */
export async function getAclDocument(db: Tx, actor: Actor): Promise<AclDocument> {
  const found = await db.aclDocument.findUnique({ where: { accountId: actor.accountId } });
  if (found) return found;
  const etag = etagOf(DEFAULT_ACL_TEXT);
  // On PostgreSQL a failed statement aborts the whole transaction (every later one: 25P02), so a
  // writer's first read losing the race below would fail the write; a savepoint keeps it alive.
  const savepoint = dbConfig().provider === 'postgresql' && inTransaction(db);
  if (savepoint) await db.$executeRawUnsafe('SAVEPOINT acl_default');
  try {
    const created = await db.aclDocument.create({ data: { accountId: actor.accountId, text: DEFAULT_ACL_TEXT, etag, isDefault: true } });
    await db.aclVersion.create({ data: { id: newId(), accountId: actor.accountId, number: 1, text: DEFAULT_ACL_TEXT, etag, message: 'Default policy' } });
    if (savepoint) await db.$executeRawUnsafe('RELEASE SAVEPOINT acl_default');
    return created;
  } catch (e) {
    if (savepoint) await db.$executeRawUnsafe('ROLLBACK TO SAVEPOINT acl_default');
    // A concurrent first read created it (in this process or another one on the same database).
    if (!isUniqueViolation(e)) throw e;
    return db.aclDocument.findUniqueOrThrow({ where: { accountId: actor.accountId } });
  }
}

export interface SaveOptions {
  /** Bare ETag the caller last saw, or TS_DEFAULT; absent = overwrite unconditionally. */
  ifMatch?: string;
  message?: string;
}

export interface SavedDocument {
  document: AclDocument;
  version: number;
  previousEtag: string;
}

/**
 * Validates and stores a new text, audited as an update of the access policy. Throws
 * ValidationError (nothing saved) or PreconditionFailedError.
 */
export async function saveAclDocument(db: Tx, actor: Actor, text: string, opts: SaveOptions = {}): Promise<SavedDocument> {
  const saved = await storeAclDocument(db, actor, text, opts);
  await recordChange(db, actor, {
    code: 'acl.update',
    activity: 'Access policy updated',
    targetId: actor.accountId,
    meta: { etag: saved.document.etag, previousEtag: saved.previousEtag, version: saved.version },
  });
  return saved;
}

async function storeAclDocument(db: Tx, actor: Actor, text: string, opts: SaveOptions): Promise<SavedDocument> {
  checkPolicySize(text);
  const current = await getAclDocument(db, actor);
  await checkPolicyText(db, actor, text);
  const etag = etagOf(text);
  const condition = opts.ifMatch === TS_DEFAULT ? { isDefault: true } : opts.ifMatch !== undefined ? { etag: opts.ifMatch } : {};
  const { count } = await db.aclDocument.updateMany({
    where: { accountId: actor.accountId, ...condition },
    data: { text, etag, isDefault: false, updatedAt: new Date() },
  });
  if (count !== 1) throw new PreconditionFailedError('precondition failed, invalid old hash');
  const last = await db.aclVersion.findFirst({ where: { accountId: actor.accountId }, orderBy: { number: 'desc' }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  await db.aclVersion.create({
    data: { id: newId(), accountId: actor.accountId, number, text, etag, authorId: actor.userId, authorName: actor.name || actor.email, message: opts.message ?? '' },
  });
  await bumpNetworkSerial(db, actor.accountId);
  const document = await db.aclDocument.findUniqueOrThrow({ where: { accountId: actor.accountId } });
  return { document, version: number, previousEtag: current.etag };
}

export type AclVersionSummary = Omit<AclVersion, 'text' | 'accountId'>;

/** Newest first, without the texts. */
export async function listAclVersions(db: Tx, actor: Actor): Promise<AclVersionSummary[]> {
  await getAclDocument(db, actor);
  return db.aclVersion.findMany({
    where: { accountId: actor.accountId },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, etag: true, authorId: true, authorName: true, message: true, createdAt: true },
  });
}

export async function getAclVersion(db: Tx, actor: Actor, number: number): Promise<AclVersion> {
  await getAclDocument(db, actor);
  const v = await db.aclVersion.findUnique({ where: { accountId_number: { accountId: actor.accountId, number } } });
  if (!v) throw new NotFoundError('policy version', String(number));
  return v;
}

/** Saves an old version's text as a new version (validated against today's topology), audited as a restore. */
export async function restoreAclVersion(db: Tx, actor: Actor, number: number, opts: Omit<SaveOptions, 'message'> = {}): Promise<SavedDocument> {
  const v = await getAclVersion(db, actor, number);
  const saved = await storeAclDocument(db, actor, v.text, { ...opts, message: `Restored version ${number}` });
  await recordChange(db, actor, {
    code: 'acl.restore',
    activity: 'Access policy version restored',
    targetId: actor.accountId,
    meta: { etag: saved.document.etag, previousEtag: saved.previousEtag, version: saved.version, restored: number },
  });
  return saved;
}
