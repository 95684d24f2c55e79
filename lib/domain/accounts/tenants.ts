// Accounts as installation operators see them: create (with the first owner), list, rename,
// suspend and resume, set quotas, delete. Only operators (a flag on the person, see
// lib/domain/users/people.ts) may; to everyone else these accounts do not exist (404), so the
// endpoints reveal nothing of other tenants. Each change is recorded in the account it changed.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { recordChange, type ActivityCode } from '../audit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { checkNameChars } from '../names';
import { normalizeDomain } from '../validate-net';
import { createAccountInvite } from '../users/account-invites';
import { isOperator } from '../users/people';
import { insertAccount, isEmail, normalizeEmail } from './accounts';
import { removeAccountRows } from './removal';
import { installationAccountId } from './installation';

export interface TenantInput {
  name: string;
  domain: string;
  ownerEmail: string;
  ownerName?: string;
}

export interface TenantUpdate {
  name?: string;
  status?: 'active' | 'suspended';
  peerQuota?: number | null;
  apiRequestsPerMinute?: number | null;
}

/** Not an operator: the operator endpoints answer as if there were nothing there. */
export async function requireOperator(db: Tx, actor: Actor): Promise<void> {
  if (!(await isOperator(db, actor.email))) throw new NotFoundError('resource');
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new ValidationError('name cannot be empty');
  if (name.length > 255) throw new ValidationError('name is too long (255 characters at most)');
  checkNameChars(name);
  return name;
}

function checkQuota(value: number | null | undefined, what: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isInteger(value) || value < 0 || value > 10_000_000) throw new ValidationError(`${what} must be a whole number from 0 to 10000000, or null for no limit`);
  return value;
}

async function tenantRow(db: Tx, id: string) {
  const account = await db.account.findUnique({ where: { id } });
  if (!account) throw new NotFoundError('account', id);
  return account;
}

/** Accounts (all, or one) with what an operator needs to tell them apart: peer and user counts, owners. */
async function tenantRows(db: Tx, only?: string) {
  const scope = only ? { accountId: only } : {};
  const [accounts, peers, users, owners, installation] = await Promise.all([
    db.account.findMany({ where: only ? { id: only } : {}, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.peer.groupBy({ by: ['accountId'], where: scope, _count: { _all: true } }),
    db.user.groupBy({ by: ['accountId'], where: { ...scope, isServiceUser: false }, _count: { _all: true } }),
    db.user.findMany({ where: { ...scope, role: 'owner' }, select: { accountId: true, email: true }, orderBy: { email: 'asc' } }),
    installationAccountId(db),
  ]);
  const count = (rows: { accountId: string; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.accountId, r._count._all]));
  const peerCount = count(peers);
  const userCount = count(users);
  const ownersOf = new Map<string, string[]>();
  for (const o of owners) ownersOf.set(o.accountId, [...(ownersOf.get(o.accountId) ?? []), o.email]);
  return accounts.map((a) => ({
    account: a,
    peers: peerCount.get(a.id) ?? 0,
    users: userCount.get(a.id) ?? 0,
    owners: ownersOf.get(a.id) ?? [],
    installation: a.id === installation,
  }));
}

export async function listTenants(db: Tx, actor: Actor) {
  await requireOperator(db, actor);
  return tenantRows(db);
}

export async function getTenant(db: Tx, actor: Actor, id: string) {
  await requireOperator(db, actor);
  const [found] = await tenantRows(db, id);
  if (!found) throw new NotFoundError('account', id);
  return found;
}

/**
 * Creates an account and its first owner. A person who already has a password (they belong to
 * another account) is an active owner at once and switches to the account in the console; anyone
 * else gets a show-once invitation link to choose their password.
 */
export async function createTenant(db: Tx, actor: Actor, input: TenantInput) {
  await requireOperator(db, actor);
  const name = checkName(input.name);
  const domain = normalizeDomain(input.domain);
  if (!domain) throw new ValidationError(`invalid domain: ${JSON.stringify(input.domain)}`);
  const email = normalizeEmail(input.ownerEmail);
  if (!isEmail(email)) throw new ValidationError(`invalid email address: ${input.ownerEmail}`);
  if (await db.account.findUnique({ where: { domain }, select: { id: true } })) throw new ConflictError(`an account with domain ${domain} already exists`);
  const person = await db.person.findUnique({ where: { email }, select: { passwordHash: true } });
  const ownerName = (input.ownerName ?? '').trim() || email.split('@')[0];
  checkNameChars(ownerName);
  const { account, owner } = await insertAccount(db, { name, domain, ownerEmail: email, ownerName, ownerStatus: person?.passwordHash ? 'active' : 'invited', issued: 'api', createdBy: actor.userId });
  const invite = person?.passwordHash ? null : await createAccountInvite(db, owner);
  await recordChange(db, actor, { accountId: account.id, code: 'account.owner.invite', activity: 'Account owner added by an operator', targetId: owner.id, meta: { email, invitation: !!invite } });
  return { account, owner, invite };
}

/** Renames, suspends or resumes an account, or sets its quotas. */
export async function updateTenant(db: Tx, actor: Actor, id: string, input: TenantUpdate) {
  await requireOperator(db, actor);
  const account = await tenantRow(db, id);
  const data: TenantUpdate = {};
  if (input.name !== undefined) data.name = checkName(input.name);
  if (input.status !== undefined) {
    if (input.status !== 'active' && input.status !== 'suspended') throw new ValidationError('status must be active or suspended');
    if (input.status === 'suspended' && id === (await installationAccountId(db))) throw new ForbiddenError('the installation account cannot be suspended');
    data.status = input.status;
  }
  if (input.peerQuota !== undefined) data.peerQuota = checkQuota(input.peerQuota, 'peer_quota');
  if (input.apiRequestsPerMinute !== undefined) data.apiRequestsPerMinute = checkQuota(input.apiRequestsPerMinute, 'api_requests_per_minute');
  const updated = await db.account.update({ where: { id }, data });
  const record = (code: ActivityCode, activity: string, meta: Record<string, unknown>) => recordChange(db, actor, { accountId: id, code, activity, targetId: id, meta });
  if (data.name !== undefined && data.name !== account.name) await record('account.rename', 'Account renamed', { old: account.name, new: data.name });
  if (data.status !== undefined && data.status !== account.status) {
    await record(data.status === 'suspended' ? 'account.suspend' : 'account.resume', data.status === 'suspended' ? 'Account suspended' : 'Account resumed', {});
  }
  if ((data.peerQuota !== undefined && data.peerQuota !== account.peerQuota) || (data.apiRequestsPerMinute !== undefined && data.apiRequestsPerMinute !== account.apiRequestsPerMinute)) {
    await record('account.quota.update', 'Account quotas updated', { peer_quota: updated.peerQuota, api_requests_per_minute: updated.apiRequestsPerMinute });
  }
  return updated;
}

/** Deletes an account and every row of it (removeAccountRows); never the installation account. */
export async function deleteTenant(db: Tx, actor: Actor, id: string) {
  await requireOperator(db, actor);
  const account = await tenantRow(db, id);
  await removeAccountRows(db, id);
  return account;
}

export async function listOperators(db: Tx, actor: Actor) {
  await requireOperator(db, actor);
  return db.person.findMany({ where: { operator: true }, select: { email: true, createdAt: true }, orderBy: { email: 'asc' } });
}

/** Names or un-names an operator; the email must belong to a user somewhere. The last operator stays. */
export async function setOperator(db: Tx, actor: Actor, emailInput: string, operator: boolean) {
  await requireOperator(db, actor);
  const email = normalizeEmail(emailInput);
  if (!(await db.user.count({ where: { email, isServiceUser: false } }))) throw new NotFoundError('user', email);
  if (!operator) {
    if (email === normalizeEmail(actor.email)) throw new ForbiddenError('you cannot remove yourself as an operator');
    await db.person.updateMany({ where: { email }, data: { operator: false } });
    return { email, operator };
  }
  await db.person.upsert({ where: { email }, create: { email, operator: true }, update: { operator: true } });
  return { email, operator };
}
