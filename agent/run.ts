// Running the system's tools (ip, wg, nft, wireguard-go): arguments as a list (never a shell),
// optional standard input, and an error that carries the tool's own message.
import { spawn } from 'node:child_process';

export class CommandError extends Error {
  constructor(readonly command: string, readonly stderr: string, readonly code: number | null) {
    super(`${command}: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`);
  }
}

export function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new CommandError(`${cmd} ${args[0] ?? ''}`.trim(), e.code === 'ENOENT' ? `${cmd} is not installed (not found in PATH)` : e.message, null)),
    );
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new CommandError(`${cmd} ${args.join(' ')}`, err, code))));
    if (child.stdin) {
      // A tool that exits before reading all of its input is judged by its exit code, not EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/** Runs a command and reports whether it succeeded (for probes and best-effort clean-up). */
export async function tryRun(cmd: string, args: string[], input?: string): Promise<boolean> {
  try {
    await run(cmd, args, input);
    return true;
  } catch {
    return false;
  }
}
