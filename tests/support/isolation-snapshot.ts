// Every row of one account, read straight from the database (every model with an accountId, found
// in the Prisma schema, plus the join tables under them), to prove a sweep wrote nothing there, and
// to look for another account's ids in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDb } from './fixtures';
import { ROOT } from './server';

/** Derived by periodic jobs from the events, so they may change while nobody calls the API. */
const DERIVED = new Set(['TrafficRollup', 'TrafficSearchRollup', 'TrafficSearchGroup', 'TrafficPortSum', 'TrafficTotal']);
/** Columns the same jobs fill in later. */
const DERIVED_FIELDS = new Set(['windowHour', 'windowDay', 'searchGroupId']);

function accountModels(): string[] {
  const schema = readFileSync(join(ROOT, 'prisma/schema.prisma'), 'utf8');
  const out: string[] = [];
  for (const m of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) if (/^\s+accountId\s/m.test(m[2])) out.push(m[1]);
  return out;
}

const json = (v: unknown) => JSON.stringify(v, (k, x) => (DERIVED_FIELDS.has(k) ? undefined : typeof x === 'bigint' ? x.toString() : x));

export async function accountSnapshot(accountId: string): Promise<Record<string, string[]>> {
  const db = (await testDb()) as unknown as Record<string, { findMany(args: unknown): Promise<Record<string, unknown>[]> }>;
  const out: Record<string, string[]> = {};
  const rows = async (model: string, where: unknown) => (await db[model[0].toLowerCase() + model.slice(1)].findMany({ where })).map(json).sort();
  out.Account = await rows('Account', { id: accountId });
  for (const model of accountModels()) if (!DERIVED.has(model)) out[model] = await rows(model, { accountId });
  const ids = (model: string) => out[model].map((r) => (JSON.parse(r) as { id: string }).id);
  out.GroupPeer = await rows('GroupPeer', { groupId: { in: ids('Group') } });
  out.GroupResource = await rows('GroupResource', { groupId: { in: ids('Group') } });
  out.PolicyRule = await rows('PolicyRule', { policyId: { in: ids('Policy') } });
  const emails = out.User.map((r) => (JSON.parse(r) as { email: string }).email);
  out.Person = await rows('Person', { email: { in: emails } });
  return out;
}
