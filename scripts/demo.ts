// `npm run demo [-- --account <id>] [--events 200000] [--days 7]`
// Fills an account (the first one unless --account says otherwise; an empty database gets its first
// account and owner as `npm start` would create them) with a realistic network: users, groups, a
// posture check, NetBird policies, routes, setup keys, ~50 peers registered with those keys (as
// agents do) and a week of traffic. Uses the database the server uses (MESHDECK_DATA_DIR or
// DATABASE_URL); the server may be running. Refuses when the account already has demo data.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeBulkTraffic } from '../lib/domain/traffic/bulk-insert';
import { createDb } from '../lib/db/client';
import { dbConfig, describeDb } from '../lib/db/config';
import { migrate } from '../lib/db/migrate';
import { bootstrap } from '../lib/domain/accounts/accounts';
import type { Actor } from '../lib/domain/actor';
import { registerPeer } from '../lib/domain/agent/protocol';
import { createGroup } from '../lib/domain/groups/groups';
import { newId } from '../lib/domain/ids';
import { createPolicy } from '../lib/domain/policy/policies';
import { createPostureCheck } from '../lib/domain/posture/checks';
import { createRoute } from '../lib/domain/networks/routes';
import { bumpNetworkSerial } from '../lib/domain/serial';
import { createSetupKey } from '../lib/domain/peers/setup-keys';
import { writeDemoTraffic, type DemoPeer, type DemoResource } from './demo-traffic';

const ROOT = join(import.meta.dirname, '..');
const GROUPS = ['engineering', 'sales', 'ops', 'servers', 'databases'] as const;
const DEMO_CHECK = 'Recent client, allowed countries';
const PLACES = [
  ['DE', 'Berlin'], ['DE', 'Munich'], ['US', 'New York'], ['US', 'San Francisco'], ['GB', 'London'],
  ['FR', 'Paris'], ['NL', 'Amsterdam'], ['SE', 'Stockholm'], ['JP', 'Tokyo'], ['BR', 'São Paulo'],
] as const;
const OSES = [
  { os: 'linux', osVersion: 'Ubuntu 24.04', kernelVersion: '6.8.0-45-generic' },
  { os: 'darwin', osVersion: '14.6.1', kernelVersion: '23.6.0' },
  { os: 'windows', osVersion: 'Windows 11 Pro 23H2', kernelVersion: '10.0.22631' },
  { os: 'linux', osVersion: 'Debian 12', kernelVersion: '6.1.0-25-amd64' },
] as const;
const VERSIONS = ['0.59.12', '0.60.2', '0.60.3', '0.58.1'];
const PEOPLE = ['ada', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'dennis', 'frances', 'alan', 'radia'];

const { values } = parseArgs({ options: { account: { type: 'string' }, events: { type: 'string', default: '200000' }, days: { type: 'string', default: '7' } } });
const eventCount = Number(values.events);
const days = Number(values.days);
if (!Number.isInteger(eventCount) || eventCount < 0 || !(days > 0 && days <= 90)) {
  console.error('demo: --events must be a whole number and --days between 1 and 90');
  process.exit(2);
}

const cfg = dbConfig();
await migrate(cfg, ROOT);
const db = await createDb(cfg);
try {
  const boot = await bootstrap(db);
  const account = values.account
    ? await db.account.findUnique({ where: { id: values.account } })
    : await db.account.findFirst({ orderBy: { createdAt: 'asc' } });
  if (!account) throw new Error(`no account ${values.account}`);
  const owner = await db.user.findFirstOrThrow({ where: { accountId: account.id, role: 'owner' }, orderBy: { createdAt: 'asc' } });
  const actor: Actor = { userId: owner.id, accountId: account.id, role: 'owner', name: owner.name, email: owner.email, via: 'token' };
  // The demo's posture check marks an account that already has demo data (names are unique).
  const marker = await db.postureCheck.findFirst({ where: { accountId: account.id, name: DEMO_CHECK }, select: { id: true } });
  if (marker) {
    console.error(`demo: account ${account.name} (${account.id}) already has demo data (posture check "${DEMO_CHECK}"); nothing was changed.`);
    process.exit(1);
  }

  // Everything but the traffic in one transaction: all of it or none.
  const made = await db.$transaction(
    async (tx) => {
      const users = [];
      for (const [i, who] of PEOPLE.entries()) {
        users.push(await tx.user.create({ data: { id: newId(), accountId: account.id, email: `${who}@${account.domain}`, name: who[0].toUpperCase() + who.slice(1), role: i < 2 ? 'admin' : 'user' } }));
      }
      const group: Record<string, string> = {};
      // Groups of these names that exist already are used as they are.
      for (const name of GROUPS) {
        const existing = await tx.group.findFirst({ where: { accountId: account.id, name }, select: { id: true } });
        group[name] = existing?.id ?? (await createGroup(tx, actor, { name })).group.id;
      }
      const posture = await createPostureCheck(tx, actor, {
        name: DEMO_CHECK,
        description: 'NetBird 0.58 or newer, connecting from the EU, the UK or the US',
        checks: {
          nb_version_check: { min_version: '0.58.0' },
          geo_location_check: { action: 'allow', locations: ['DE', 'FR', 'NL', 'SE', 'GB', 'US'].map((country_code) => ({ country_code })) },
        },
      });
      const rule = (name: string, sources: string[], destinations: string[], protocol: string, ports: string[] = []) => ({
        name, enabled: true, action: 'accept', bidirectional: false, protocol, ports, sources, destinations,
      });
      const policies = [
        await createPolicy(tx, actor, { name: 'Engineering to servers', description: 'SSH and HTTPS', enabled: true, sourcePostureChecks: [posture.id], rules: [rule('ssh and https', [group.engineering], [group.servers], 'tcp', ['22', '443'])] }),
        await createPolicy(tx, actor, { name: 'Servers to databases', enabled: true, rules: [rule('postgres', [group.servers], [group.databases], 'tcp', ['5432'])] }),
        await createPolicy(tx, actor, { name: 'Sales to intranet', enabled: true, rules: [rule('https', [group.sales], [group.servers], 'tcp', ['443', '8080'])] }),
        await createPolicy(tx, actor, { name: 'Ops everywhere', enabled: true, rules: [{ ...rule('all', [group.ops], [group.servers, group.databases, group.engineering], 'all'), bidirectional: true }] }),
      ];
      const year = 365 * 86_400;
      const keys = {
        laptops: await createSetupKey(tx, actor, { name: 'Engineering laptops', type: 'reusable', expiresIn: year, autoGroups: [group.engineering], usageLimit: 0 }),
        sales: await createSetupKey(tx, actor, { name: 'Sales laptops', type: 'reusable', expiresIn: year, autoGroups: [group.sales], usageLimit: 0 }),
        servers: await createSetupKey(tx, actor, { name: 'Servers', type: 'reusable', expiresIn: 90 * 86_400, autoGroups: [group.servers], usageLimit: 40 }),
        databases: await createSetupKey(tx, actor, { name: 'Database hosts', type: 'reusable', expiresIn: 30 * 86_400, autoGroups: [group.servers, group.databases], usageLimit: 10 }),
        spare: await createSetupKey(tx, actor, { name: 'Spare one-off key', type: 'one-off', expiresIn: 7 * 86_400, autoGroups: [], usageLimit: 1 }),
      };
      const plan: [keyof typeof keys, string, number][] = [['laptops', 'eng-laptop', 20], ['sales', 'sales-laptop', 10], ['servers', 'srv', 16], ['databases', 'db', 4]];
      const peers: DemoPeer[] = [];
      let n = 0;
      for (const [key, prefix, count] of plan) {
        for (let i = 0; i < count; i++, n++) {
          const system = prefix.includes('laptop') ? OSES[n % 3] : OSES[n % 2 === 0 ? 0 : 3];
          const [country, city] = PLACES[n % PLACES.length];
          const user = prefix.includes('laptop') ? users[n % users.length] : undefined;
          const { peer } = await registerPeer(tx, {
            setupKey: keys[key].plain,
            publicKey: randomBytes(32).toString('base64'),
            hostname: `${prefix}-${String(i + 1).padStart(2, '0')}`,
            meta: { ...system, version: VERSIONS[n % VERSIONS.length], uiVersion: VERSIONS[n % VERSIONS.length], serialNumber: `SN${100000 + n}` },
            connectionIp: `203.0.113.${n + 1}`,
          });
          await tx.peer.update({
            where: { id: peer.id },
            data: { userId: user?.id ?? '', countryCode: country, cityName: city, connected: n % 5 !== 0, lastSeen: new Date(Date.now() - (n % 5 === 0 ? 3 * 86_400_000 : 0)), sshEnabled: !user },
          });
          peers.push({ id: peer.id, name: peer.name, ip: peer.ip, dnsLabel: `${peer.dnsLabel}.${account.dnsDomain}`, os: system.os, country, city, user: user ? { id: user.id, email: user.email, name: user.name } : { id: '', email: '', name: '' } });
        }
      }
      const gateway = peers.find((p) => p.name === 'srv-01')!;
      const routes = [
        await createRoute(tx, actor, { networkId: 'office-lan', description: 'Berlin office LAN', enabled: true, peerGroups: [group.servers], network: '192.168.10.0/24', metric: 100, masquerade: true, groups: [group.engineering, group.sales], keepRoute: false }),
        await createRoute(tx, actor, { networkId: 'aws-vpc', description: 'Production VPC', enabled: true, peer: gateway.id, network: '10.10.0.0/16', metric: 9999, masquerade: true, groups: [group.ops, group.engineering], keepRoute: true }),
      ];
      await bumpNetworkSerial(tx, account.id);
      return { users, group, posture, policies, keys, peers, routes };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  const resources: DemoResource[] = ['wiki', 'git', 'ci', 'grafana', 'vault', 'backup'].map((name, i) => ({ id: newId(), name: `${name}.internal`, address: `10.10.0.${10 + i}:443`, type: 'HOST_RESOURCE' }));
  resources.push({ id: newId(), name: 'office printers', address: '192.168.10.20:631', type: 'SUBNET_RESOURCE' });
  const to = new Date();
  const t0 = performance.now();
  const written = await writeDemoTraffic(
    { accountId: account.id, peers: made.peers, resources, policy: { id: made.policies[0].id, name: made.policies[0].name }, from: new Date(to.getTime() - days * 86_400_000), to, count: eventCount, seed: Date.now() % 100_000 },
    cfg,
    // The traffic is the long part (a minute or more for the default 200,000 events): say how far
    // it has got after each batch, on one line on a terminal, a line per batch otherwise.
    (done) => {
      const line = `demo: traffic ${done.toLocaleString('en')} of ${eventCount.toLocaleString('en')} events (${Math.round((100 * done) / eventCount)}%)`;
      if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= eventCount ? '\n' : ''}`);
      else process.stderr.write(`${line}\n`);
    },
  );
  await closeBulkTraffic();

  console.log(`demo: filled account "${account.name}" (${account.id}) in ${describeDb(cfg)}:`);
  console.log(`  ${made.users.length} users, ${GROUPS.length} groups (${GROUPS.join(', ')}), 1 posture check, ${made.policies.length} policies, ${made.routes.length} routes`);
  console.log(`  ${Object.keys(made.keys).length} setup keys, ${made.peers.length} peers registered with them (Linux, macOS, Windows; 10 cities)`);
  console.log(`  ${written.toLocaleString('en')} traffic events over the last ${days} days (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`demo: sign in at http://localhost:${process.env.PORT || 3000}/app as ${owner.email}`);
  if (boot.generatedPassword) console.log(`demo:   password: ${boot.generatedPassword} (generated now; shown only once)`);
  else console.log('demo:   with that user’s password; then open Traffic, Peers, Groups and Setup Keys.');
} finally {
  await db.$disconnect();
}
