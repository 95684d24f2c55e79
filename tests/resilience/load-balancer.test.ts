// docs/load-balancer.md's nginx and HAProxy configurations, run for real: each is taken from the
// document (only the ports, the listen/bind line and the TLS lines are swapped for the test's), in
// front of two meshdeck processes on one PostgreSQL database, all on 127.0.0.1. Checks what the
// document promises, through each balancer: requests reach both processes, a console session made
// through it works whichever process answers (no sticky sessions), the client's address passes
// through X-Forwarded-For, an agent long-polling through it is woken by a change that may go through
// either process; and GETs keep answering when one process is killed. A balancer that is not
// installed is skipped (Debian: apt-get install nginx haproxy).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import type { Role } from '@/lib/domain/users/roles';
import { seedToken } from '@/lib/domain/users/tokens';
import { registerPeer } from '../support/own-server';
import { postgresServer, type PostgresServer } from '../support/postgres';
import { freePort, ROOT, startServer, type RunningServer } from '../support/server';
import { createTempDb } from '../support/temp-db';

const EMAIL = 'owner@balanced.test';
const PASSWORD = 'balanced-owner-password';
const installed = (cmd: string) => spawnSync(cmd, ['-v']).status === 0;
const BALANCERS = (['nginx', 'haproxy'] as const).filter(installed);
const cleanups: (() => Promise<unknown> | unknown)[] = [];
let pg: PostgresServer;
let servers: RunningServer[] = [];
const lbs: Record<string, string> = {};
let token = '';
const auth = () => ({ Authorization: `Token ${token}`, 'Content-Type': 'application/json' });

/** The document's configuration for `kind`, its upstream processes swapped for `ports`. */
function fromDoc(kind: 'nginx' | 'haproxy', ports: number[]): string {
  const doc = readFileSync(join(ROOT, 'docs/load-balancer.md'), 'utf8');
  const conf = new RegExp(`\`\`\`${kind}\\n([\\s\\S]*?)\`\`\``).exec(doc)![1];
  expect(conf.match(/127\.0\.0\.1:\d+/g)).toHaveLength(ports.length);
  let i = 0;
  return conf.replace(/127\.0\.0\.1:\d+/g, () => `127.0.0.1:${ports[i++]}`);
}

/** The document's nginx blocks inside a minimal nginx.conf: one process in the foreground, files under `dir`. */
function nginxConfig(dir: string, ports: number[], listen: number): string {
  let conf = fromDoc('nginx', ports);
  conf = conf.replace(/listen 443 ssl;/, `listen 127.0.0.1:${listen};`).replace(/^\s*ssl_certificate.*$/gm, '');
  expect(conf).not.toMatch(/ssl/);
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return `daemon off;\nmaster_process off;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}\n${conf}}\n`;
}

function haproxyConfig(ports: number[], listen: number): string {
  const conf = fromDoc('haproxy', ports).replace(/bind :443 ssl crt \S+/, `bind 127.0.0.1:${listen}`);
  expect(conf).not.toMatch(/crt /);
  return conf;
}

/** Starts the balancer `kind` (checking its configuration first) in front of `ports`; its base URL. */
async function startBalancer(kind: 'nginx' | 'haproxy', ports: number[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `meshdeck-${kind}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const listen = await freePort();
  const file = join(dir, `${kind}.conf`);
  writeFileSync(file, kind === 'nginx' ? nginxConfig(dir, ports, listen) : haproxyConfig(ports, listen));
  const args = kind === 'nginx' ? ['-p', dir, '-e', join(dir, 'error.log'), '-c', file] : ['-db', '-f', file];
  const check = spawnSync(kind, [kind === 'nginx' ? '-t' : '-c', ...args], { encoding: 'utf8' });
  expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  let out = '';
  const child: ChildProcess = spawn(kind, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  cleanups.push(() => child.kill('SIGTERM'));
  const base = `http://127.0.0.1:${listen}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return base;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${kind} did not answer: ${out}`);
}

/** meshdeck_http_requests_total of one process for a route pattern, read from that process directly. */
async function served(s: RunningServer, pattern: string): Promise<number> {
  const text = await (await fetch(`${s.baseUrl}/metrics`, { headers: auth() })).text();
  return [...text.matchAll(/^meshdeck_http_requests_total\{([^}]*)\} (\d+)$/gm)].filter((m) => m[1].includes(`"${pattern}"`)).reduce((n, m) => n + Number(m[2]), 0);
}

describe.skipIf(!BALANCERS.length)('docs/load-balancer.md: a balancer in front of two processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    pg = postgresServer();
    cleanups.push(() => pg.stop());
    const temp = await createTempDb('meshdeck-lb-', pg.url);
    cleanups.push(() => temp.drop());
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-lb-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const s = await startServer({ MESHDECK_DATA_DIR: dir, DATABASE_URL: temp.databaseUrl, MESHDECK_ADMIN_EMAIL: EMAIL, MESHDECK_ADMIN_PASSWORD: PASSWORD, MESHDECK_TRUSTED_PROXIES: '127.0.0.1', NEXTAUTH_SECRET: '' });
      cleanups.push(() => s.stop());
      servers.push(s);
    }
    const db = await createDb({ provider: 'postgresql', url: temp.databaseUrl });
    cleanups.push(() => db.$disconnect());
    const owner = await db.user.findFirstOrThrow({ where: { email: EMAIL } });
    const actor = { userId: owner.id, accountId: owner.accountId, role: owner.role as Role, name: owner.name, email: owner.email, via: 'token' as const };
    token = (await seedToken(db, actor, owner.id, { name: 'lb', expiresInDays: 1 })).plain;
    for (const kind of BALANCERS) lbs[kind] = await startBalancer(kind, servers.map((s) => s.port));
  });

  afterAll(async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    servers = [];
  });

  it.each(BALANCERS)('%s spreads requests over both processes', async (kind) => {
    const lb = lbs[kind];
    const before = await Promise.all(servers.map((s) => served(s, '/api/peers')));
    for (let i = 0; i < 10; i++) expect((await fetch(`${lb}/api/peers`, { headers: auth() })).status).toBe(200);
    const after = await Promise.all(servers.map((s) => served(s, '/api/peers')));
    const each = after.map((n, i) => n - before[i]);
    expect(each[0] + each[1]).toBe(10);
    expect(Math.min(...each)).toBeGreaterThanOrEqual(3);
  });

  it.each(BALANCERS)('%s keeps a console session made through it, whichever process answers', async (kind) => {
    const lb = lbs[kind];
    const jar = new Map<string, string>();
    const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.slice(0, c.indexOf('=')), c.split(';')[0].slice(c.indexOf('=') + 1)));
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = await fetch(`${lb}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = await csrf.json();
    const signIn = await fetch(`${lb}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: 'true', callbackUrl: '/app' }),
    });
    keep(signIn);
    expect([...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))).toBe(true);
    for (let i = 0; i < 6; i++) expect((await fetch(`${lb}/api/users/current`, { headers: { Cookie: cookie() } })).status).toBe(200);
    // A write with the cookie: the same-origin check compares Origin with the Host nginx passes on.
    const host = new URL(lb).host;
    const write = await fetch(`${lb}/api/groups`, { method: 'POST', headers: { Cookie: cookie(), Origin: `http://${host}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `via-${kind}` }) });
    expect(write.status, await write.clone().text()).toBe(200);
    const foreign = await fetch(`${lb}/api/groups`, { method: 'POST', headers: { Cookie: cookie(), Origin: 'http://evil.example', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'csrf' }) });
    expect(foreign.status).toBe(403);
  });

  it.each(BALANCERS)('%s passes the client address on, and wakes an agent long-polling through it on a change through either process', async (kind) => {
    const lb = lbs[kind];
    const key = (await (await fetch(`${lb}/api/setup-keys`, { method: 'POST', headers: auth(), body: JSON.stringify({ name: 'lb', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 }) })).json()).key;
    const agent = await (await registerPeer(lb, key, `${kind}-agent`)).json();
    const other = await (await registerPeer(lb, key, `${kind}-other`)).json();
    const bearer = { Authorization: `Bearer ${agent.peer_token}`, 'X-Forwarded-For': '203.0.113.7' };
    let serial: number = (await (await fetch(`${lb}/api/agent/sync`, { headers: bearer })).json()).serial;
    const seen = await (await fetch(`${lb}/api/peers/${agent.peer.id}`, { headers: auth() })).json();
    expect(seen.connection_ip).toBe('203.0.113.7');
    for (let round = 0; round < 4; round++) {
      const waiting = fetch(`${lb}/api/agent/sync?serial=${serial}&wait=25`, { headers: bearer });
      await new Promise((r) => setTimeout(r, 300));
      const started = performance.now();
      const name = `${kind}-other-${round}`;
      const put = await fetch(`${lb}/api/peers/${other.peer.id}`, { method: 'PUT', headers: auth(), body: JSON.stringify({ name, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false }) });
      expect(put.status).toBe(200);
      const answer = await (await waiting).json();
      expect(performance.now() - started).toBeLessThan(3000);
      expect(answer.serial).toBeGreaterThan(serial);
      expect(answer.peers.some((p: { name: string }) => p.name === name)).toBe(true);
      serial = answer.serial;
    }
    // No change: the wait runs out and the agent hears "not modified" through the balancer.
    expect((await fetch(`${lb}/api/agent/sync?serial=${serial}&wait=2`, { headers: bearer })).status).toBe(304);
  });

  it('every balancer keeps answering GETs when one process is killed', async () => {
    await servers[1].kill9();
    for (const lb of Object.values(lbs)) for (let i = 0; i < 10; i++) expect((await fetch(`${lb}/api/peers`, { headers: auth() })).status).toBe(200);
  });
});
