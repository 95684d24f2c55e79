// Realistic traffic rows for the demo (`npm run demo`) and the chart benchmark: each peer talks to a
// handful of fixed peers and resources (so top talkers and rollups look like a real network),
// mostly TCP with some DNS over UDP and ICMP, with a daily rhythm in the byte counts. Rows are
// built directly in the stored form and written by the bulk path, which also keeps the rollups.
import { insertTrafficEvents, type NewTrafficEvent } from '../lib/domain/traffic/bulk-insert';
import type { DbConfig } from '../lib/db/config';
import { searchText } from '../lib/domain/traffic/search';

export interface DemoPeer {
  id: string;
  name: string;
  ip: string;
  dnsLabel: string;
  os: string;
  country: string;
  city: string;
  user: { id: string; email: string; name: string };
}

export interface DemoResource {
  id: string;
  name: string;
  address: string;
  type: 'HOST_RESOURCE' | 'SUBNET_RESOURCE' | 'DOMAIN_RESOURCE';
}

export interface TrafficPlan {
  accountId: string;
  peers: DemoPeer[];
  resources: DemoResource[];
  policy: { id: string; name: string };
  from: Date;
  to: Date;
  count: number;
  batch?: number;
  seed?: number;
}

/** Small deterministic generator (mulberry32), so runs are repeatable. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** More traffic in working hours (UTC) than at night: a factor between 0.25 and 1.75. */
const dayRhythm = (ms: number) => 1 + 0.75 * Math.sin(((new Date(ms).getUTCHours() - 9) / 24) * 2 * Math.PI);

const TCP_PORTS = [443, 22, 5432, 8080, 3389];

/** Writes `count` events spread evenly over [from, to) in batches; returns how many were written. */
export async function writeDemoTraffic(plan: TrafficPlan, cfg: DbConfig, onBatch?: (done: number) => void): Promise<number> {
  const rand = random(plan.seed ?? 42);
  const batchSize = plan.batch ?? 20_000;
  const span = plan.to.getTime() - plan.from.getTime();
  const received = new Date();
  const targets = plan.peers.length + plan.resources.length;
  let written = 0;
  while (written < plan.count) {
    const rows: NewTrafficEvent[] = [];
    for (let i = 0; i < batchSize && written + i < plan.count; i++) {
      const n = written + i;
      const start = plan.from.getTime() + Math.floor((n / plan.count) * span);
      const si = Math.floor(rand() * plan.peers.length);
      const src = plan.peers[si];
      // Each peer has six regular counterparts; never itself.
      const k = Math.floor(rand() * 6);
      let ti = (si * 7 + k * 13 + 1) % targets;
      if (ti === si) ti = (ti + 1) % targets;
      const dstPeer = ti < plan.peers.length ? plan.peers[ti] : undefined;
      const res = dstPeer ? undefined : plan.resources[ti - plan.peers.length];
      const protocol = dstPeer && k === 5 ? 17 : dstPeer && k === 4 && rand() < 0.3 ? 1 : 6;
      const port = protocol === 17 ? 53 : protocol === 1 ? 0 : TCP_PORTS[k % TCP_PORTS.length];
      const scale = dayRhythm(start);
      const rx = Math.floor(Math.exp(6 + rand() * 8) * scale);
      const tx = Math.floor(rx * (0.05 + rand() * 0.5));
      const ended = rand() < 0.6;
      const dropped = rand() < 0.02;
      const types = ['TYPE_START', ...(ended ? ['TYPE_END'] : []), ...(dropped ? ['TYPE_DROP'] : [])];
      const at = new Date(start);
      const iso = at.toISOString();
      const dst = dstPeer
        ? { id: dstPeer.id, type: 'PEER', name: dstPeer.name, address: `${dstPeer.ip}:${port}`, dnsLabel: dstPeer.dnsLabel, os: dstPeer.os, country: dstPeer.country, city: dstPeer.city }
        : { id: res!.id, type: res!.type, name: res!.name, address: res!.address, dnsLabel: '', os: '', country: '', city: '' };
      rows.push({
        accountId: plan.accountId,
        flowId: `demo-${plan.seed ?? 42}-${n}`,
        reporterId: src.id,
        receiveTimestamp: received,
        srcId: src.id, srcType: 'PEER', srcName: src.name, srcAddress: `${src.ip}:${40000 + (n % 20000)}`, srcDnsLabel: src.dnsLabel,
        srcOs: src.os, srcCountry: src.country, srcCity: src.city,
        dstId: dst.id, dstType: dst.type, dstName: dst.name, dstAddress: dst.address, dstDnsLabel: dst.dnsLabel,
        dstOs: dst.os, dstCountry: dst.country, dstCity: dst.city,
        userId: src.user.id, userEmail: src.user.email, userName: src.user.name,
        policyId: plan.policy.id, policyName: plan.policy.name,
        icmpType: protocol === 1 ? 8 : 0, icmpCode: 0, protocol,
        direction: n % 3 === 0 ? 'INGRESS' : 'EGRESS',
        connectionType: dstPeer ? 'P2P' : 'ROUTED',
        rxBytes: BigInt(rx), rxPackets: BigInt(1 + Math.floor(rx / 1200)), txBytes: BigInt(tx), txPackets: BigInt(1 + Math.floor(tx / 1200)),
        numStarts: 1, numEnds: ended ? 1 : 0, numDrops: dropped ? 1 : 0,
        windowStart: at,
        windowEnd: new Date(start + 5_000),
        events: JSON.stringify(types.map((type) => ({ type, timestamp: iso }))),
        eventTypes: `,${types.join(',')},`,
        searchText: searchText({ userEmail: src.user.email, srcName: src.name, dstName: dst.name, srcAddress: `${src.ip}:${40000 + (n % 20000)}`, dstAddress: dst.address }),
        srcPort: 40000 + (n % 20000),
        windowHour: Math.floor(start / 3_600_000),
      });
    }
    await insertTrafficEvents(rows, cfg);
    written += rows.length;
    onBatch?.(written);
  }
  return written;
}
