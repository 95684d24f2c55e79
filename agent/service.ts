// `install-service`: a systemd unit that runs this agent's `up` with the peer already stored in the
// state folder, so the machine rejoins the mesh after a reboot and after the agent stops for any
// reason. It only writes the unit: enabling it is left to the admin (one command, printed), who may
// still have the agent running in the foreground on the same interface.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve, sep } from 'node:path';
import { readState } from './state';
import { AGENT_VERSION } from './system';

export const DEFAULT_UNIT_PATH = '/etc/systemd/system/meshdeck-agent.service';

const unitName = (unitPath: string) => basename(unitPath).replace(/\.service$/, '');

export interface ServiceOptions {
  stateDir: string;
  ifname: string;
  listenPort: number;
  unitPath: string;
  /** The Node binary the unit starts (absolute: systemd does not search PATH everywhere). */
  node: string;
  /** The agent's entry file: the single-file build, or agent/main.ts in a checkout. */
  agentFile: string;
}

/**
 * One word of an ExecStart line as systemd reads it: `%` starts a specifier everywhere, so it is
 * doubled; `$` starts a variable in the arguments but not in the executable's path (`program`), so
 * it is doubled there only; whitespace, quotes and backslashes need double quotes and C escapes.
 */
export function systemdArg(arg: string, program = false): string {
  if (/[\x00-\x1f\x7f]/.test(arg)) throw new Error(`cannot put a control character in a systemd unit: ${JSON.stringify(arg)}`);
  const specifiers = arg.replace(/%/g, '%%');
  const plain = program ? specifiers : specifiers.replace(/\$/g, '$$$$');
  return /^[A-Za-z0-9_@%$+=:,./-]+$/.test(plain) ? plain : `"${plain.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The command the unit runs. From a checkout (a .ts entry) Node needs tsx, found from the checkout's folder. */
export function serviceCommand(o: Pick<ServiceOptions, 'node' | 'agentFile' | 'stateDir' | 'ifname' | 'listenPort'>): string[] {
  const entry = o.agentFile.endsWith('.ts') ? ['--import', 'tsx', o.agentFile] : [o.agentFile];
  return [o.node, ...entry, 'up', '--state-dir', o.stateDir, '--interface', o.ifname, '--listen-port', String(o.listenPort)];
}

export function unitFile(o: ServiceOptions): string {
  const fromCheckout = o.agentFile.endsWith('.ts');
  return [
    `# Written by \`meshdeck-agent install-service\` (meshdeck-agent ${AGENT_VERSION}): runs the peer stored in`,
    `# ${o.stateDir}. Install again to change it; \`systemctl disable --now ${unitName(o.unitPath)}\` to stop it.`,
    '[Unit]',
    'Description=meshdeck agent (mesh VPN peer)',
    // Registration and the first sync need the network; without Wants= the target may never be pulled in.
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${serviceCommand(o).map((word, i) => systemdArg(word, i === 0)).join(' ')}`,
    // A path setting, not a command line: taken to the end of the line, no quotes; specifiers still apply.
    ...(fromCheckout ? [`WorkingDirectory=${dirname(dirname(o.agentFile)).replace(/%/g, '%%')}`] : []),
    // SIGTERM is the agent's clean stop: interface and firewall table removed, exit 0.
    'KillSignal=SIGTERM',
    'TimeoutStopSec=30',
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** Writes the unit; refuses (exit 1) while the state folder holds no peer: the unit could never join. */
export function installService(o: ServiceOptions, log: { info(line: string): void; error(line: string): void }): number {
  const stateDir = resolve(o.stateDir);
  if (!readState(stateDir)) {
    log.error(`no meshdeck peer in ${stateDir} yet: join first (up --server <url> --setup-key <key> --state-dir ${stateDir}), then install the service`);
    return 1;
  }
  const agentFile = resolve(o.agentFile);
  const unit = unitFile({ ...o, stateDir, agentFile });
  const replaced = existsSync(o.unitPath);
  try {
    mkdirSync(dirname(o.unitPath), { recursive: true });
    writeFileSync(o.unitPath, unit, { mode: 0o644 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    log.error(`cannot write ${o.unitPath}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied (run it as root)' : (e as Error).message}`);
    return 1;
  }
  log.info(`${replaced ? 'replaced' : 'wrote'} ${o.unitPath}: it runs \`${serviceCommand({ ...o, stateDir, agentFile }).join(' ')}\` at boot and whenever it stops`);
  if (agentFile.startsWith(tmpdir() + sep)) log.info(`note: ${agentFile} is in ${tmpdir()}, which may be emptied at boot: move it somewhere lasting (e.g. /usr/local/lib/) and install again`);
  // systemd's own test for "booted with systemd" (sd_booted): containers and other init systems lack it.
  if (!existsSync('/run/systemd/system')) log.info('note: systemd does not run on this machine (no /run/systemd/system): nothing will start the unit here');
  const name = unitName(o.unitPath);
  log.info(`to start it now and at every boot, stop an agent running in the foreground on ${o.ifname} (Ctrl-C), then: systemctl daemon-reload && systemctl enable --now ${name}`);
  return 0;
}
