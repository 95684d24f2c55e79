// kill -9 of one of two server processes on one PostgreSQL database, in the middle of a write burst
// spread over both: every write either acknowledged (2xx) is there afterwards, read through the
// survivor, and the survivor keeps answering throughout — its writers and a reader polling it get
// an answer to every request, never a 5xx, before, during and after the kill. Two rounds: A is
// killed, started again, then B is killed.
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/own-server';
import { startTwoServers, type TwoServers } from '../support/two-servers';
import { noneAcknowledged, writer, type Acknowledged } from '../support/write-burst';

const WORKERS_EACH = 4;
/** Burst time before the kill, and after it with the survivor alone. */
const BEFORE_KILL_MS = 1500;
const AFTER_KILL_MS = 1500;

let two: TwoServers;

beforeAll(async () => {
  two = await startTwoServers('kill2');
}, 180_000);

afterAll(async () => {
  await two?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SurvivorLog {
  /** Answers of 500 or above, and requests that got no answer at all. */
  problems: string[];
  /** Writes the survivor acknowledged after the kill. */
  writesAfterKill: number;
  reads: number;
  slowestReadMs: number;
}

/** Reads through the survivor while the burst runs: the peer listing and the groups, in turn. */
async function reader(base: string, token: string, done: () => boolean, log: SurvivorLog) {
  const call = api(base, token);
  for (let i = 0; !done(); i++) {
    const path = i % 2 ? '/api/groups' : '/api/peers';
    const start = Date.now();
    try {
      const r = await call('GET', path);
      await r.arrayBuffer();
      if (r.status !== 200) log.problems.push(`GET ${path}: ${r.status}`);
    } catch (e) {
      log.problems.push(`GET ${path}: no answer (${(e as Error).message})`);
    }
    log.reads++;
    log.slowestReadMs = Math.max(log.slowestReadMs, Date.now() - start);
    await sleep(20);
  }
}

async function expectAllPresent(base: string, ack: Acknowledged) {
  const call = api(base, two.token);
  for (const id of ack.groups) expect((await call('GET', `/api/groups/${id}`)).status, `group ${id}`).toBe(200);
  const listed = new Set(((await (await call('GET', '/api/peers')).json()) as { id: string }[]).map((p) => p.id));
  for (const id of ack.peers) expect(listed.has(id), `peer ${id}`).toBe(true);
  if (ack.acl.length) {
    const versions = await two.db.aclVersion.findMany({ select: { text: true } });
    for (const marker of ack.acl) expect(versions.some((v) => v.text.includes(marker)), `policy save ${marker}`).toBe(true);
    // The current document (read through the survivor) is one of the burst's saves.
    const doc = await fetch(`${base}/api/v2/tailnet/-/acl`, { headers: { Authorization: `Token ${two.token}`, Accept: 'application/hujson' } });
    expect((await doc.text()).startsWith('// burst-')).toBe(true);
  }
}

describe('kill -9 of one of two servers on PostgreSQL during a write burst', () => {
  it('keeps every acknowledged write, and the survivor keeps answering', async () => {
    for (const victimName of ['a', 'b'] as const) {
      const survivorName = victimName === 'a' ? 'b' : 'a';
      const victim = two[victimName];
      const survivor = two[survivorName];
      const ack = { victim: noneAcknowledged(), survivor: noneAcknowledged() };
      const log: SurvivorLog = { problems: [], writesAfterKill: 0, reads: 0, slowestReadMs: 0 };
      let killedAt = Infinity;
      let done = false;
      const target = (base: string) => ({ base, token: two.token, setupKey: two.setupKey });
      const work = Promise.all([
        ...Array.from({ length: WORKERS_EACH }, (_, n) => writer(target(victim.baseUrl), n, ack.victim)),
        ...Array.from({ length: WORKERS_EACH }, (_, n) =>
          writer(target(survivor.baseUrl), n, ack.survivor, {
            done: () => done,
            answered: (kind, status) => {
              if (status >= 500) log.problems.push(`${kind}: ${status}`);
              else if (status < 300 && Date.now() > killedAt) log.writesAfterKill++;
            },
            failed: (kind, e) => log.problems.push(`${kind}: no answer (${(e as Error).message})`),
          }),
        ),
        reader(survivor.baseUrl, two.token, () => done, log),
      ]);
      await sleep(BEFORE_KILL_MS);
      await victim.kill9();
      killedAt = Date.now();
      await sleep(AFTER_KILL_MS);
      done = true;
      await work;

      expect(log.problems, `the survivor's log:\n${survivor.output().slice(-4000)}`).toEqual([]);
      expect(log.writesAfterKill).toBeGreaterThan(0);
      const count = (a: Acknowledged) => a.groups.length + a.peers.length + a.acl.length;
      expect(count(ack.victim)).toBeGreaterThan(0);
      for (const a of [ack.victim, ack.survivor]) await expectAllPresent(survivor.baseUrl, a);
      console.log(
        `kill -9 of ${victimName.toUpperCase()}: ${victimName.toUpperCase()} acknowledged ${count(ack.victim)} writes, ` +
          `${survivorName.toUpperCase()} ${count(ack.survivor)} (${log.writesAfterKill} after the kill); all present through ${survivorName.toUpperCase()}; ` +
          `${log.reads} reads through ${survivorName.toUpperCase()}, slowest ${log.slowestReadMs} ms, no 5xx`,
      );
      await two.restart(victimName);
    }
  });
});
