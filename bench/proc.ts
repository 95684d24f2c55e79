// What the benchmarks read about processes from Linux's /proc: resident memory, CPU time, a
// process's children, and the open-file limit (thousands of sockets need a high one).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process in MB (Linux), or NaN when it cannot be read. */
export function rssMb(pid: number | undefined): number {
  return pid ? statusField(pid, 'VmRSS') : NaN;
}

/** The most resident memory the process ever had, in MB (VmHWM). */
export function peakRssMb(pid: number): number {
  return statusField(pid, 'VmHWM');
}

/** The command line of a process, arguments joined by spaces ('' when it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** [parent pid, utime + stime in clock ticks] from /proc/<pid>/stat, or null when it is gone. */
function stat(pid: number): [number, number] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(f[1]), Number(f[11]) + Number(f[12])];
  } catch {
    return null;
  }
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) parentOf.set(Number(name), s[0]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree;
}

let ticksPerSecond = 0;

/** CPU seconds (user + system) used so far by the process and its descendants. */
export function cpuSeconds(root: number): number {
  ticksPerSecond ||= Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
  let ticks = 0;
  for (const pid of processTree(root)) ticks += stat(pid)?.[1] ?? 0;
  return ticks / ticksPerSecond;
}

/** The soft and hard limits of open files of a process. */
function openFileLimit(pid: number): { soft: number; hard: number } {
  const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const n = (v: string | undefined) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/**
 * Makes sure a process may open `need` files (sockets count): Node raises its soft limit to the
 * hard one at start, so only a low hard limit can stop it; as root that is raised with prlimit(1),
 * otherwise the message says what to do.
 */
export function ensureOpenFiles(pid: number, need: number, who: string): void {
  const { soft, hard } = openFileLimit(pid);
  if (soft >= need) return;
  const target = Math.max(need, Math.min(hard, 1_048_576));
  const raised = spawnSync('prlimit', ['--pid', String(pid), `--nofile=${target}:${Math.max(target, hard === Infinity ? target : hard)}`]);
  if (raised.status === 0 && openFileLimit(pid).soft >= need) return;
  throw new Error(`${who} may open ${soft} files (hard limit ${hard}) but needs ${need} for its sockets: run with a higher \`ulimit -n\` (prlimit said: ${raised.stderr?.toString().trim() || raised.error?.message || 'nothing'})`);
}
