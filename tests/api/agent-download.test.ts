// The agent a machine downloads: GET /agent/meshdeck-agent.mjs serves the single-file build
// (scripts/build-agent.mjs, part of `npm run build`) without authentication, as JavaScript with the
// server's version, revalidated by ETag. The served file then runs with plain Node in an empty
// folder — no node_modules anywhere above it, no tsx — which proves it is self-contained, and it
// speaks to this server (a refused setup key comes back as the server's reason).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@/agent/state';
import { baseUrl, newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';

const VERSION: string = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
const URL_PATH = '/agent/meshdeck-agent.mjs';

describe(`GET ${URL_PATH}`, () => {
  it('serves the agent without authentication, as JavaScript carrying the server\'s version', async () => {
    const r = await fetch(`${baseUrl()}${URL_PATH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const body = await r.text();
    // The server (run from the project folder, as `npm start` does) serves the file the build made.
    expect(body).toBe(readFileSync(join(import.meta.dirname, '../../dist/meshdeck-agent.mjs'), 'utf8'));
    expect(body.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(body).toContain(`// meshdeck-agent ${VERSION}:`);
    expect(body).toContain(`return ${JSON.stringify(VERSION)};`);
    // Self-contained: every import left in the bundle is one of Node's own modules.
    const imports = [...body.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !i.startsWith('node:'))).toEqual([]);
  });

  it('answers 304 to its own ETag, the file again to another, and HEAD with the headers only', async () => {
    const first = await fetch(`${baseUrl()}${URL_PATH}`);
    const etag = first.headers.get('etag')!;
    await first.body?.cancel();
    const again = await fetch(`${baseUrl()}${URL_PATH}`, { headers: { 'If-None-Match': `"stale", ${etag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const other = await fetch(`${baseUrl()}${URL_PATH}`, { headers: { 'If-None-Match': '"stale"' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe(etag);
    await other.body?.cancel();
    const head = await fetch(`${baseUrl()}${URL_PATH}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await head.text()).toBe('');
  });
});

describe('the served agent, run with plain node and nothing beside it', () => {
  let dir = '';
  let file = '';
  const cleanup: string[] = [];

  // A bare environment: no NODE_OPTIONS (no tsx loader), no NODE_PATH, a HOME of its own.
  const agent = (args: string[]) =>
    spawnSync(process.execPath, [file, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } as unknown as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 30_000 });

  const emptyDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'meshdeck-agent-state-'));
    cleanup.push(d);
    return d;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-download-'));
    cleanup.push(dir);
    file = join(dir, 'meshdeck-agent.mjs');
    const r = await fetch(`${baseUrl()}${URL_PATH}`);
    expect(r.status).toBe(200);
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    // Nothing to resolve packages from: not in the folder, not above it.
    for (let d = dir; ; d = dirname(d)) {
      expect(existsSync(join(d, 'node_modules')), `${d}/node_modules`).toBe(false);
      if (d === dirname(d)) break;
    }
  });

  afterAll(() => {
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  });

  it('--version prints the server\'s version', () => {
    const r = agent(['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`meshdeck-agent ${VERSION}\n`);
    expect(r.status).toBe(0);
  });

  it('--help prints every command and exits 0', () => {
    const r = agent(['--help']);
    expect(r.status).toBe(0);
    for (const command of ['up --server <url> --setup-key <key>', 'status', 'install-service']) expect(r.stdout).toContain(`meshdeck-agent ${command}`);
  });

  it('status in an empty state folder says there is no peer and exits 1', () => {
    const state = emptyDir();
    const r = agent(['status', '--state-dir', state]);
    expect(r.stdout).toBe(`no meshdeck peer in ${state}: join with \`up --server <url> --setup-key <key> --state-dir ${state}\`\n`);
    expect(r.status).toBe(1);
  });

  it('a setup key the server does not know: the server\'s reason in one line, exit 1, nothing stored', () => {
    const state = emptyDir();
    const r = agent(['up', '--server', baseUrl(), '--setup-key', 'A1B2C3D4-0000-0000-0000-000000000000', '--state-dir', state, '--interface', 'mdtdl0']);
    expect(r.stderr).toMatch(/^meshdeck-agent: registration refused: .+\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
    expect(existsSync(join(state, 'state.json'))).toBe(false);
  });

  it('once joined: status waits for up (exit 3), and install-service writes a unit running this very file', async () => {
    const { token } = await newAccount();
    const key = (await netbird(token)('POST', '/api/setup-keys', { name: 'download', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const joined = await register(key, 'download-test');
    expect(joined.status).toBe(201);
    const state = emptyDir();
    writeState(state, { server: baseUrl(), private_key: 'unused', public_key: joined.publicKey, peer_id: joined.body.peer.id, peer_token: joined.body.peer_token });

    const status = agent(['status', '--state-dir', state]);
    expect(status.stdout).toBe(`joined, but no map applied yet: is \`up --state-dir ${state}\` running?\n`);
    expect(status.status).toBe(3);

    const unitPath = join(emptyDir(), 'meshdeck-agent.service');
    const r = agent(['install-service', '--state-dir', state, '--unit-path', unitPath]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const unit = readFileSync(unitPath, 'utf8');
    expect(unit).toContain(`ExecStart=${process.execPath} ${file} up --state-dir ${state} --interface meshdeck0 --listen-port 51820\n`);
    expect(unit).toContain(`(meshdeck-agent ${VERSION})`);
    expect(r.stdout).toContain('systemctl enable --now meshdeck-agent');
  });
});
