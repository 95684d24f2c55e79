// meshdeck-agent: joins this Linux machine to a meshdeck network and keeps it in step with its map.
// A client of meshdeck's agent protocol only (docs/agent-protocol.md); it shares types with the
// server, not its database. Usage: README "Joining a machine with the agent".
import { parseArgs } from 'node:util';
import { Refused } from './client';
import { DEFAULT_UNIT_PATH, installService } from './service';
import { status } from './status';
import { AGENT_VERSION } from './system';
import { up } from './up';
import { isInterfaceName } from './wireguard';

const DEFAULT_STATE_DIR = '/var/lib/meshdeck-agent';

const USAGE = `usage:
  meshdeck-agent up --server <url> --setup-key <key> [--state-dir <dir>] [--hostname <name>] [--interface <name>] [--listen-port <port>]
  meshdeck-agent up [--state-dir <dir>]          (later runs: the stored peer is reused)
  meshdeck-agent status [--state-dir <dir>] [--json]
  meshdeck-agent install-service [--state-dir <dir>] [--interface <name>] [--listen-port <port>] [--unit-path <file>]
                                                 (a systemd unit running \`up\` at boot, after joining)
  meshdeck-agent --version
--state-dir defaults to ${DEFAULT_STATE_DIR}, --interface to meshdeck0, --listen-port to 51820,
--unit-path to ${DEFAULT_UNIT_PATH}.`;

const say = (line: string) => process.stdout.write(`meshdeck-agent: ${line}\n`);
const complain = (line: string) => process.stderr.write(`meshdeck-agent: ${line}\n`);

function usage(problem: string): number {
  complain(problem);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const help = () => (process.stdout.write(`${USAGE}\n`), 0);
  if (command === '--help' || command === '-h' || command === 'help') return help();
  if (command === '--version') {
    process.stdout.write(`meshdeck-agent ${AGENT_VERSION}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        server: { type: 'string' },
        'setup-key': { type: 'string' },
        'state-dir': { type: 'string', default: DEFAULT_STATE_DIR },
        hostname: { type: 'string' },
        interface: { type: 'string', default: 'meshdeck0' },
        'listen-port': { type: 'string', default: '51820' },
        json: { type: 'boolean', default: false },
        'unit-path': { type: 'string', default: DEFAULT_UNIT_PATH },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return help();
  if (command === 'status') return status(v['state-dir'], v.json, (line) => process.stdout.write(`${line}\n`));
  if (command !== 'up' && command !== 'install-service') return usage(command ? `unknown command "${command}"` : 'a command is required');
  const port = Number(v['listen-port']);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return usage('--listen-port must be a port number (1-65535)');
  if (!isInterfaceName(v.interface)) return usage('--interface must be 1 to 15 letters, digits or _=+.-');
  if (process.platform !== 'linux') return usage('the agent runs on Linux only');
  if (command === 'install-service') {
    const unit = { stateDir: v['state-dir'], ifname: v.interface, listenPort: port, unitPath: v['unit-path'], node: process.execPath, agentFile: process.argv[1] };
    return installService(unit, { info: say, error: complain });
  }

  const stop = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (!stop.signal.aborted) say(`${sig}: leaving the mesh`);
      stop.abort();
    });
  }
  return up(
    { server: v.server, setupKey: v['setup-key'], stateDir: v['state-dir'], hostname: v.hostname, ifname: v.interface, listenPort: port },
    { info: say, error: complain },
    stop.signal,
  );
}

// Every failure ends as one line and a non-zero exit, never a stack trace.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (e: unknown) => {
    complain(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    complain(e instanceof Refused ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
