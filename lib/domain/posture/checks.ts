// Posture checks: conditions a peer must meet (agent version, OS version, location, network,
// running processes) before policies that name the check let it connect as a source.
import type { Tx } from '../../db/client';
import type { PostureCheck } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { parseJsonList, parseJsonObject } from '../json';
import { validateChecks, type Checks } from './rules';
import { bumpNetworkSerial } from '../serial';
import { checkNameChars } from '../names';

const MAX_NAME = 255;

export interface PostureCheckInput {
  name: string;
  description?: string;
  checks?: Checks;
}

export interface PostureCheckView {
  id: string;
  name: string;
  description: string;
  checks: Checks;
}

function viewOf(row: PostureCheck): PostureCheckView {
  return { id: row.id, name: row.name, description: row.description, checks: parseJsonObject<Checks>(row.checks) ?? {} };
}

async function findCheck(db: Tx, actor: Actor, id: string) {
  const row = await db.postureCheck.findFirst({ where: { id, accountId: actor.accountId } });
  if (!row) throw new NotFoundError('posture check', id);
  return row;
}

/** Names of the account's policies whose source_posture_checks list the check. */
export async function policiesUsingCheck(db: Tx, accountId: string, checkId: string): Promise<string[]> {
  const rows = await db.policy.findMany({
    where: { accountId, sourcePostureChecks: { contains: JSON.stringify(checkId) } },
    select: { name: true, sourcePostureChecks: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.filter((p) => parseJsonList(p.sourcePostureChecks).includes(checkId)).map((p) => p.name);
}

async function validInput(db: Tx, accountId: string, input: PostureCheckInput, exceptId?: string) {
  const name = input.name.trim();
  if (!name) throw new ValidationError("posture check name shouldn't be empty");
  checkNameChars(name);
  if (name.length > MAX_NAME) throw new ValidationError(`posture check name is too long (${MAX_NAME} characters at most)`);
  const checks = validateChecks(input.checks);
  const clash = await db.postureCheck.findFirst({ where: { accountId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new ConflictError(`posture check with name "${name}" already exists`);
  return { name, description: input.description ?? '', checks: JSON.stringify(checks) };
}

export async function listPostureChecks(db: Tx, actor: Actor): Promise<PostureCheckView[]> {
  const rows = await db.postureCheck.findMany({ where: { accountId: actor.accountId }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return rows.map(viewOf);
}

export async function getPostureCheck(db: Tx, actor: Actor, id: string): Promise<PostureCheckView> {
  return viewOf(await findCheck(db, actor, id));
}

export async function createPostureCheck(db: Tx, actor: Actor, input: PostureCheckInput): Promise<PostureCheckView> {
  const data = await validInput(db, actor.accountId, input);
  // Not referenced by any policy yet, so no peer's network map changes.
  const check = viewOf(await db.postureCheck.create({ data: { id: newId(), accountId: actor.accountId, ...data } }));
  await recordChange(db, actor, { code: 'posture.check.create', activity: 'Posture check created', targetId: check.id, meta: { name: check.name } });
  return check;
}

export async function updatePostureCheck(db: Tx, actor: Actor, id: string, input: PostureCheckInput): Promise<PostureCheckView> {
  const row = await findCheck(db, actor, id);
  const data = await validInput(db, actor.accountId, input, row.id);
  const updated = await db.postureCheck.update({ where: { id: row.id }, data });
  if ((await policiesUsingCheck(db, actor.accountId, row.id)).length) await bumpNetworkSerial(db, actor.accountId);
  const check = viewOf(updated);
  await recordChange(db, actor, { code: 'posture.check.update', activity: 'Posture check updated', targetId: check.id, meta: { name: check.name } });
  return check;
}

export async function deletePostureCheck(db: Tx, actor: Actor, id: string) {
  const row = await findCheck(db, actor, id);
  const users = await policiesUsingCheck(db, actor.accountId, row.id);
  if (users.length) {
    const names = users.slice(0, 5).map((n) => `"${n}"`).join(', ') + (users.length > 5 ? ` and ${users.length - 5} more` : '');
    throw new ConflictError(`posture check "${row.name}" is used by ${users.length === 1 ? 'policy' : 'policies'} ${names} and cannot be deleted`);
  }
  await db.postureCheck.delete({ where: { id: row.id } });
  await recordChange(db, actor, { code: 'posture.check.delete', activity: 'Posture check deleted', targetId: row.id, meta: { name: row.name } });
  return row;
}
