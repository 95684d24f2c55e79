// kill -9 in the middle of write bursts loses no acknowledged write: groups created, peers
// registered, flow reports stored and policy-document saves answered 2xx before the kill are all
// there after a restart on the same database, and the database is intact (SQLite's integrity check).
// Three rounds, on SQLite, or on PostgreSQL when DATABASE_URL points at one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startOwnServer, type OwnServer } from '../support/own-server';
import { noneAcknowledged, writer } from '../support/write-burst';

const ROUNDS = 3;
const WORKERS = 8;
const BURST_MS = 2500;

let own: OwnServer;

beforeAll(async () => {
  own = await startOwnServer('kill9');
}, 180_000);

afterAll(async () => {
  await own?.close();
});

describe('kill -9 during write bursts', () => {
  it(`keeps every acknowledged write over ${ROUNDS} rounds`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const ack = noneAcknowledged();
      const target = { base: own.server.baseUrl, token: own.token, setupKey: own.setupKey, peerToken: own.peerToken };
      const writers = Promise.all(Array.from({ length: WORKERS }, (_, n) => writer(target, n, ack)));
      await new Promise((r) => setTimeout(r, BURST_MS));
      await own.server.kill9();
      await writers;
      await own.restart();

      const call = api(own.server.baseUrl, own.token);
      for (const id of ack.groups) expect((await call('GET', `/api/groups/${id}`)).status, `group ${id}`).toBe(200);
      const peers = await own.db.peer.count({ where: { id: { in: ack.peers } } });
      expect(peers).toBe(ack.peers.length);
      let flows = 0;
      for (let i = 0; i < ack.flows.length; i += 500) flows += await own.db.trafficEvent.count({ where: { flowId: { in: ack.flows.slice(i, i + 500) } } });
      expect(flows).toBe(ack.flows.length);
      if (ack.acl.length) {
        const versions = await own.db.aclVersion.findMany({ select: { text: true } });
        for (const marker of ack.acl) expect(versions.some((v) => v.text.includes(marker)), `policy save ${marker}`).toBe(true);
        // The current document is the last acknowledged save or one that came after it.
        expect((await own.db.aclDocument.findFirstOrThrow()).text.startsWith('// burst-')).toBe(true);
      }
      if (!own.temp.databaseUrl) expect(await own.db.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      console.log(`round ${round}: acknowledged ${ack.groups.length} groups, ${ack.peers.length} peers, ${ack.flows.length} flow events, ${ack.acl.length} policy saves; all present`);
      expect(ack.groups.length + ack.peers.length + ack.flows.length + ack.acl.length).toBeGreaterThan(10);
    }
  });
});
