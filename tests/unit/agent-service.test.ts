// `install-service`: the systemd unit's text (checked by `systemd-analyze verify` where installed),
// quoting of odd paths, and the refusal before the machine has joined — through the function and
// through the command line as an admin runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installService, systemdArg, unitFile } from '@/agent/service';
import { writeState } from '@/agent/state';
import { AGENT_VERSION } from '@/agent/system';

const ROOT = join(import.meta.dirname, '../..');
const hasSystemdAnalyze = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0;

const temps: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'meshdeck-service-'));
  temps.push(d);
  return d;
};
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function joinedStateDir(): string {
  const dir = temp();
  writeState(dir, { server: 'http://meshdeck.test:3000', private_key: 'cHJpdmF0ZQ==', public_key: 'cHVibGlj', peer_id: 'peer-1', peer_token: 'mdpeer_x' });
  return dir;
}

const lines = () => {
  const info: string[] = [];
  const error: string[] = [];
  return { info, error, log: { info: (l: string) => info.push(l), error: (l: string) => error.push(l) } };
};

describe('the unit file', () => {
  const base = { node: '/usr/bin/node', agentFile: '/usr/local/lib/meshdeck-agent.mjs', stateDir: '/var/lib/meshdeck-agent', ifname: 'meshdeck0', listenPort: 51820, unitPath: '/etc/systemd/system/meshdeck-agent.service' };

  it('runs up with the stored peer after the network is online and restarts it always', () => {
    expect(unitFile(base)).toBe(
      [
        `# Written by \`meshdeck-agent install-service\` (meshdeck-agent ${AGENT_VERSION}): runs the peer stored in`,
        '# /var/lib/meshdeck-agent. Install again to change it; `systemctl disable --now meshdeck-agent` to stop it.',
        '[Unit]',
        'Description=meshdeck agent (mesh VPN peer)',
        'Wants=network-online.target',
        'After=network-online.target',
        '',
        '[Service]',
        'Type=simple',
        'ExecStart=/usr/bin/node /usr/local/lib/meshdeck-agent.mjs up --state-dir /var/lib/meshdeck-agent --interface meshdeck0 --listen-port 51820',
        'KillSignal=SIGTERM',
        'TimeoutStopSec=30',
        'Restart=always',
        'RestartSec=5',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    );
  });

  it('runs the checkout\'s agent/main.ts through tsx from the checkout', () => {
    const unit = unitFile({ ...base, agentFile: '/srv/meshdeck/agent/main.ts', ifname: 'mesh1', listenPort: 51999 });
    expect(unit).toContain('ExecStart=/usr/bin/node --import tsx /srv/meshdeck/agent/main.ts up --state-dir /var/lib/meshdeck-agent --interface mesh1 --listen-port 51999\n');
    expect(unit).toContain('WorkingDirectory=/srv/meshdeck\n');
  });

  it('quotes what systemd would otherwise split or expand', () => {
    expect(systemdArg('/opt/mesh deck/agent.mjs')).toBe('"/opt/mesh deck/agent.mjs"');
    expect(systemdArg('/var/lib/100%')).toBe('/var/lib/100%%');
    expect(systemdArg('/srv/$HOME')).toBe('/srv/$$HOME');
    expect(systemdArg('/srv/$HOME/node', true)).toBe('/srv/$HOME/node');
    expect(systemdArg('/a "b"\\c')).toBe('"/a \\"b\\"\\\\c"');
    expect(() => systemdArg('/a\nb')).toThrow(/control character/);
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify, odd paths included', () => {
    // verify checks that the command's first word is an executable: Node under a folder whose name
    // systemd would split or expand shows whether the quoting holds.
    const dir = temp();
    const odd = join(dir, 'mesh deck %i $HOME');
    mkdirSync(odd);
    symlinkSync(process.execPath, join(odd, 'node'));
    const unitPath = join(dir, 'meshdeck-agent.service');
    writeFileSync(unitPath, unitFile({ ...base, node: join(odd, 'node'), agentFile: join(odd, 'meshdeck-agent.mjs'), stateDir: join(dir, 'state dir') }));
    const r = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // From a checkout under such a folder: WorkingDirectory too.
    mkdirSync(join(odd, 'agent'));
    writeFileSync(unitPath, unitFile({ ...base, node: join(odd, 'node'), agentFile: join(odd, 'agent', 'main.ts'), stateDir: join(dir, 'state dir') }));
    const fromCheckout = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
    expect(fromCheckout.stderr).toBe('');
    expect(fromCheckout.status).toBe(0);
  });
});

describe('installService', () => {
  it('refuses before the machine has joined, writing nothing', () => {
    const stateDir = temp();
    const unitPath = join(temp(), 'meshdeck-agent.service');
    const out = lines();
    expect(installService({ stateDir, ifname: 'meshdeck0', listenPort: 51820, unitPath, node: '/usr/bin/node', agentFile: '/opt/meshdeck-agent.mjs' }, out.log)).toBe(1);
    expect(out.error).toEqual([`no meshdeck peer in ${stateDir} yet: join first (up --server <url> --setup-key <key> --state-dir ${stateDir}), then install the service`]);
    expect(existsSync(unitPath)).toBe(false);
  });

  it('writes the unit (0644) with absolute paths and says how to enable it', () => {
    const stateDir = joinedStateDir();
    const unitDir = temp();
    const unitPath = join(unitDir, 'units', 'mesh-test.service');
    const out = lines();
    // Relative paths, as typed in a shell: the unit must hold them resolved.
    const code = installService({ stateDir: relative(process.cwd(), stateDir), ifname: 'meshdeck0', listenPort: 51820, unitPath, node: '/usr/bin/node', agentFile: 'meshdeck-agent.mjs' }, out.log);
    expect(out.error).toEqual([]);
    expect(code).toBe(0);
    const unit = readFileSync(unitPath, 'utf8');
    expect(unit).toContain(`ExecStart=/usr/bin/node ${join(process.cwd(), 'meshdeck-agent.mjs')} up --state-dir ${stateDir} --interface meshdeck0`);
    expect(statSync(unitPath).mode & 0o777).toBe(0o644);
    expect(out.info.at(-1)).toMatch(/systemctl daemon-reload && systemctl enable --now mesh-test$/);
  });

  it('says so in one line when the unit cannot be written', () => {
    const stateDir = joinedStateDir();
    const blocker = join(temp(), 'not-a-folder');
    writeFileSync(blocker, '');
    const out = lines();
    expect(installService({ stateDir, ifname: 'meshdeck0', listenPort: 51820, unitPath: join(blocker, 'x.service'), node: '/usr/bin/node', agentFile: '/opt/a.mjs' }, out.log)).toBe(1);
    expect(out.error).toHaveLength(1);
    expect(out.error[0]).toMatch(/^cannot write .*x\.service: /);
  });
});

describe('meshdeck-agent install-service (command line)', () => {
  const agent = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'agent/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('refuses with one line and exit 1 before joining', () => {
    const stateDir = temp();
    const unitPath = join(temp(), 'meshdeck-agent.service');
    const r = agent(['install-service', '--state-dir', stateDir, '--unit-path', unitPath]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`meshdeck-agent: no meshdeck peer in ${stateDir} yet: join first (up --server <url> --setup-key <key> --state-dir ${stateDir}), then install the service\n`);
    expect(r.status).toBe(1);
    expect(existsSync(unitPath)).toBe(false);
  });

  it('installs a unit that runs agent/main.ts with the given interface and port once joined', () => {
    const stateDir = joinedStateDir();
    const unitPath = join(temp(), 'meshdeck-agent.service');
    const r = agent(['install-service', '--state-dir', stateDir, '--interface', 'mesh7', '--listen-port', '51007', '--unit-path', unitPath]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(unitPath, 'utf8')).toContain(
      `ExecStart=${process.execPath} --import tsx ${join(ROOT, 'agent/main.ts')} up --state-dir ${stateDir} --interface mesh7 --listen-port 51007\n`,
    );
    expect(r.stdout).toContain('systemctl enable --now meshdeck-agent');
  });

  it('checks its options like up does', () => {
    const r = agent(['install-service', '--state-dir', joinedStateDir(), '--listen-port', '70000', '--unit-path', join(temp(), 'u.service')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^meshdeck-agent: --listen-port must be a port number/);
  });
});
