// Per-account quotas (peers; API requests per minute) answer 429 in each dialect's shape and touch
// no other account; deleting an account removes every one of its rows, counted in every table.
import { describe, expect, inject, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { adminWithToken, newAccount, testDb } from '../support/fixtures';
import { sendJson } from '../support/http';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';
import { createZitiIdentity } from '../support/ziti-helpers';
import { zt } from '../support/zerotier-client';
import { createNetwork } from '../support/zerotier-helpers';

const operator = async () => netbird((await adminWithToken('quota-operator')).token);

describe('quotas', () => {
  it('refuse a peer past the peer quota with 429, and count nothing of another account', async () => {
    const op = await operator();
    const t = await newAccount();
    const nb = netbird(t.token);
    const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    expect((await op('PUT', `/api/installation/accounts/${t.account.id}`, { peer_quota: 2 })).body.peer_quota).toBe(2);
    expect((await register(key)).status).toBe(201);
    expect((await register(key)).status).toBe(201);
    const over = await register(key);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ message: expect.stringMatching(/quota of 2 peers/), code: 429 });
    expect(await (await testDb()).peer.count({ where: { accountId: t.account.id } })).toBe(2);
    // The refused registration did not use the key up either (it rolled back).
    expect((await nb('GET', '/api/setup-keys')).body[0].used_times).toBe(2);
  });

  it('refuse API requests past the per-minute quota in each dialect’s shape, for that account only', async () => {
    const op = await operator();
    const t = await newAccount();
    const other = await newAccount();
    expect((await op('PUT', `/api/installation/accounts/${t.account.id}`, { api_requests_per_minute: 4 })).status).toBe(200);
    const auth = { Authorization: `Token ${t.token}` };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await sendJson('GET', '/api/groups', auth)).status);
    // Past the minute boundary the count restarts: allow for it rather than flake.
    const fresh = statuses.filter((s) => s === 200).length;
    expect(fresh).toBeGreaterThanOrEqual(4);
    const nbOver = await sendJson('GET', '/api/groups', auth);
    if (nbOver.status !== 200) {
      expect(nbOver.status).toBe(429);
      expect(nbOver.body).toEqual({ message: expect.stringMatching(/quota of 4 API requests per minute/), code: 429 });
      expect(Number(nbOver.headers.get('retry-after'))).toBeGreaterThan(0);
      const ts = await sendJson('GET', '/api/v2/tailnet/-/devices', { Authorization: `Bearer ${t.token}` });
      expect(ts.status).toBe(429);
      expect(ts.body).toEqual({ message: expect.stringMatching(/quota/) });
      const zt = await sendJson('GET', '/controller/network', { 'X-ZT1-Auth': t.token });
      expect(zt.status).toBe(429);
    }
    // Another account is not slowed by this one's quota.
    for (let i = 0; i < 8; i++) expect((await sendJson('GET', '/api/groups', { Authorization: `Token ${other.token}` })).status).toBe(200);
    // Lifting the quota lets the account in again at once.
    await op('PUT', `/api/installation/accounts/${t.account.id}`, { api_requests_per_minute: null });
    expect((await sendJson('GET', '/api/groups', auth)).status).toBe(200);
  });
});

interface TableInfo {
  table: string;
  columns: string[];
}

async function tables(): Promise<TableInfo[]> {
  const db = await testDb();
  if (inject('databaseUrl')?.startsWith('postgres')) {
    const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') AND table_name <> '_prisma_migrations'`,
    );
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.table_name, [...(by.get(r.table_name) ?? []), r.column_name]);
    return [...by].map(([table, columns]) => ({ table, columns }));
  }
  const names = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
  const out: TableInfo[] = [];
  for (const { name } of names) {
    const cols = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
    out.push({ table: name, columns: cols.filter((c) => /TEXT/i.test(c.type)).map((c) => c.name) });
  }
  return out;
}

/** Rows in any table whose text columns hold one of `ids` (the account's own and its objects'). */
async function rowsNaming(ids: string[]): Promise<Record<string, number>> {
  const db = await testDb();
  const found: Record<string, number> = {};
  const list = ids.map((i) => `'${i.replace(/'/g, "''")}'`).join(',');
  for (const t of await tables()) {
    if (!t.columns.length) continue;
    const where = t.columns.map((c) => `"${c}" IN (${list})`).join(' OR ');
    const [{ n }] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${t.table}" WHERE ${where}`);
    if (Number(n) > 0) found[t.table] = Number(n);
  }
  return found;
}

describe('deleting an account', () => {
  it('removes every row of it, in every table, and nothing of another account', async () => {
    const op = await operator();
    const t = await newAccount();
    const keep = await newAccount();
    for (const acct of [t, keep]) {
      const nb = netbird(acct.token);
      const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
      const peer = (await register(key)).body.peer;
      await register(key);
      const group = (await nb('POST', '/api/groups', { name: 'same-name', peers: [peer.id] })).body;
      await nb('POST', '/api/policies', { name: 'same-policy', enabled: true, rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [group.id], destinations: [group.id] }] });
      await nb('POST', '/api/routes', { description: 'r', network_id: 'net', enabled: true, peer: peer.id, network: '198.18.40.0/24', metric: 9999, masquerade: true, groups: [group.id], keep_route: false });
      await nb('POST', '/api/dns/nameservers', { name: 'ns', description: '', nameservers: [{ ip: '198.18.0.53', ns_type: 'udp', port: 53 }], enabled: true, groups: [group.id], primary: true, domains: [], search_domains_enabled: false });
      await createZitiIdentity(acct.token, { name: `z-${newId().slice(-5)}` });
      await createNetwork(zt(acct.token), { name: 'zt-same' });
      await sendJson('POST', '/api/v2/tailnet/-/acl', { Authorization: `Bearer ${acct.token}`, 'Content-Type': 'application/hujson' }, { acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }] });
    }
    const db = await testDb();
    const idsOf = async (accountId: string) => {
      const ids = [accountId];
      for (const t of await tables()) {
        if (!t.columns.includes('accountId') || !t.columns.includes('id')) continue;
        const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${t.table}" WHERE "accountId" = '${accountId}'`);
        ids.push(...rows.map((r) => r.id));
      }
      return ids;
    };
    const ids = await idsOf(t.account.id);
    const before = await rowsNaming(ids);
    // Objects of many kinds exist before: the count would catch them if they stayed.
    const kinds = ['Account', 'User', 'ApiToken', 'Peer', 'Group', 'GroupPeer', 'Policy', 'PolicyRule', 'SetupKey', 'Route', 'NameserverGroup', 'AuditEvent', 'ZitiIdentity', 'ZeroTierNetwork'];
    expect(kinds.filter((k) => !before[k]), JSON.stringify(before)).toEqual([]);
    const keepIds = await idsOf(keep.account.id);
    const keepBefore = await rowsNaming(keepIds);
    expect((await op('DELETE', `/api/installation/accounts/${t.account.id}`)).status).toBe(200);
    expect(await rowsNaming(ids)).toEqual({});
    expect(await rowsNaming(keepIds)).toEqual(keepBefore);
    // The owner had no other account: their person row went too.
    expect(await db.person.count({ where: { email: t.owner.email } })).toBe(0);
  });
});
