// Two server processes on one PostgreSQL database: a change written through A is seen through B
// within 1 s, for each kind of state B keeps in memory or reads per request — the NetBird peer
// listing (peer store), accessible peers (access model), an agent's map (serial and packet filter),
// the Tailscale ACL document (ETag), and a Ziti API session (which must also end on B when it is
// logged out through A). B reads everything once before each write, so its caches hold the old
// state: what is measured is invalidation across processes, not a first read.
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerPeer } from '../support/own-server';
import { startTwoServers, type TwoServers } from '../support/two-servers';

const LIMIT_MS = 1000;
const POLL_MS = 20;

let two: TwoServers;
const figures: string[] = [];

beforeAll(async () => {
  two = await startTwoServers('xproc');
}, 180_000);

afterAll(async () => {
  if (figures.length) console.log(`change through A → seen through B:\n  ${figures.join('\n  ')}`);
  await two?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Milliseconds from now until `seen()` holds through B, polling every 20 ms; fails past 3 s (the
 * caller asserts the 1 s). Call it right after A acknowledged the write.
 */
async function untilSeen(what: string, seen: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await seen()) {
      const ms = Date.now() - start;
      figures.push(`${what}: ${ms} ms`);
      return ms;
    }
    if (Date.now() - start > 3 * LIMIT_MS) throw new Error(`${what}: not seen through B within ${3 * LIMIT_MS} ms`);
    await sleep(POLL_MS);
  }
}

const A = () => api(two.a.baseUrl, two.token);
const B = () => api(two.b.baseUrl, two.token);
const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();

async function register(hostname: string) {
  const r = await registerPeer(two.a.baseUrl, two.setupKey, hostname);
  expect(r.status).toBe(201);
  return (await r.json()) as { peer: { id: string; ip: string }; peer_token: string };
}

const sync = async (base: string, peerToken: string) => {
  const r = await fetch(`${base}/api/agent/sync`, { headers: { Authorization: `Bearer ${peerToken}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as { serial: number; peers: { id: string }[]; packet_filter: { SrcIPs: string[] }[] };
};

const serialNow = async () => (await two.db.account.findFirstOrThrow({ select: { networkSerial: true } })).networkSerial;

describe('a change through one process is seen through the other within 1 s (PostgreSQL)', () => {
  let p1: Awaited<ReturnType<typeof register>>;
  let p2: Awaited<ReturnType<typeof register>>;

  beforeAll(async () => {
    p1 = await register('xproc-one');
    p2 = await register('xproc-two');
    // No access but what NetBird policies grant: the default document allows everyone.
    const saved = await fetch(`${two.a.baseUrl}/api/v2/tailnet/-/acl`, {
      method: 'POST',
      headers: { Authorization: `Token ${two.token}`, 'Content-Type': 'application/hujson' },
      body: '{"acls": []}',
    });
    expect(saved.status).toBe(200);
  });

  it('peer listing: a rename and a new peer', async () => {
    const listB = async () => (await (await B()('GET', '/api/peers')).json()) as { id: string; name: string }[];
    expect((await listB()).find((p) => p.id === p2.peer.id)?.name).toBe('xproc-two');
    const renamed = await A()('PUT', `/api/peers/${p2.peer.id}`, { name: 'xproc-renamed', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false });
    expect(renamed.status).toBe(200);
    expect(await untilSeen('GET /api/peers, peer renamed', async () => (await listB()).find((p) => p.id === p2.peer.id)?.name === 'xproc-renamed')).toBeLessThanOrEqual(LIMIT_MS);

    await listB();
    const p3 = await register('xproc-three');
    expect(await untilSeen('GET /api/peers, peer added', async () => (await listB()).some((p) => p.id === p3.peer.id))).toBeLessThanOrEqual(LIMIT_MS);
  });

  it('accessible peers and the agent map (serial, packet filter): a policy added, then disabled', async () => {
    const g1 = await (await A()('POST', '/api/groups', { name: 'xproc-g1', peers: [p1.peer.id] })).json();
    const g2 = await (await A()('POST', '/api/groups', { name: 'xproc-g2', peers: [p2.peer.id] })).json();
    const accessibleB = async () => ids(await (await B()('GET', `/api/peers/${p1.peer.id}/accessible-peers`)).json());
    const admitsP1 = (m: Awaited<ReturnType<typeof sync>>) => m.packet_filter.some((r) => r.SrcIPs.includes(p1.peer.ip));
    // Warm: B answers for the current serial, with nothing granted yet.
    expect(await accessibleB()).toEqual([]);
    const before = await sync(two.b.baseUrl, p2.peer_token);
    expect(before.serial).toBe(await serialNow());
    expect(admitsP1(before)).toBe(false);

    const rule = { name: 'ssh', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['22'], sources: [g1.id], destinations: [g2.id] };
    const created = await A()('POST', '/api/policies', { name: 'xproc', enabled: true, rules: [rule] });
    expect(created.status).toBe(200);
    const policy = await created.json();
    let serial = await serialNow();
    expect(serial).toBeGreaterThan(before.serial);
    const [accessMs, syncMs] = await Promise.all([
      untilSeen('accessible-peers, policy added', async () => (await accessibleB()).join() === p2.peer.id),
      untilSeen('agent sync serial + packet filter, policy added', async () => {
        const m = await sync(two.b.baseUrl, p2.peer_token);
        return m.serial === serial && admitsP1(m);
      }),
    ]);
    expect(Math.max(accessMs, syncMs)).toBeLessThanOrEqual(LIMIT_MS);

    const disabled = await A()('PUT', `/api/policies/${policy.id}`, { name: 'xproc', enabled: false, rules: [{ ...rule, id: policy.rules[0].id }] });
    expect(disabled.status).toBe(200);
    serial = await serialNow();
    const [offMs, offSyncMs] = await Promise.all([
      untilSeen('accessible-peers, policy disabled', async () => (await accessibleB()).length === 0),
      untilSeen('agent sync serial + packet filter, policy disabled', async () => {
        const m = await sync(two.b.baseUrl, p2.peer_token);
        return m.serial === serial && !admitsP1(m);
      }),
    ]);
    expect(Math.max(offMs, offSyncMs)).toBeLessThanOrEqual(LIMIT_MS);
  });

  it('Tailscale ACL document: a save through A, read through B with its ETag', async () => {
    const readB = async () => {
      const r = await fetch(`${two.b.baseUrl}/api/v2/tailnet/-/acl`, { headers: { Authorization: `Token ${two.token}`, Accept: 'application/hujson' } });
      expect(r.status).toBe(200);
      return { etag: r.headers.get('etag'), text: await r.text() };
    };
    const old = await readB();
    const doc = '// saved through A\n{"acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]}]}';
    const saved = await fetch(`${two.a.baseUrl}/api/v2/tailnet/-/acl`, {
      method: 'POST',
      headers: { Authorization: `Token ${two.token}`, 'Content-Type': 'application/hujson', 'If-Match': old.etag! },
      body: doc,
    });
    expect(saved.status).toBe(200);
    const etag = saved.headers.get('etag');
    expect(etag).not.toBe(old.etag);
    expect(
      await untilSeen('ACL document + ETag', async () => {
        const now = await readB();
        return now.etag === etag && now.text === doc;
      }),
    ).toBeLessThanOrEqual(LIMIT_MS);
  });

  it('Ziti API session: authenticated through A, used through B; logged out through A, refused by B', async () => {
    const username = `xproc-${Math.random().toString(36).slice(2, 8)}`;
    const created = await A()('POST', '/api/console/ziti/identities', { name: username, type: 'User', enrollment_method: 'updb', username });
    expect(created.status).toBe(200);
    const { enrollment } = await created.json();
    const zitiA = (path: string, init: RequestInit = {}) => fetch(`${two.a.baseUrl}/edge/client/v1${path}`, init);
    const enrolled = await zitiA(`/enroll/updb?token=${enrollment.token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'xproc-pass-1' }) });
    expect(enrolled.status).toBe(200);
    const currentB = async (session: string) => (await fetch(`${two.b.baseUrl}/edge/client/v1/current-api-session`, { headers: { 'zt-session': session } })).status;
    // Warm: B has refused an unknown session.
    expect(await currentB(crypto.randomUUID())).toBe(401);

    const auth = await zitiA('/authenticate?method=password', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'xproc-pass-1' }) });
    expect(auth.status).toBe(200);
    const session: string = (await auth.json()).data.token;
    expect(await untilSeen('Ziti session opened through A, accepted by B', async () => (await currentB(session)) === 200)).toBeLessThanOrEqual(LIMIT_MS);

    const out = await zitiA('/current-api-session', { method: 'DELETE', headers: { 'zt-session': session } });
    expect(out.status).toBe(200);
    expect(await untilSeen('Ziti session logged out through A, refused by B', async () => (await currentB(session)) === 401)).toBeLessThanOrEqual(LIMIT_MS);
  });
});
