// The files the server asks the agent to watch (`watch_files`, the paths of process posture
// checks): whether each exists and whether a process runs from it, read from /proc (each process's
// `exe` link; reading other users' processes needs root, which the agent has). The agent reports
// the result in `meta.files` whenever it changes.
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';

export interface FileReport {
  path: string;
  exist: boolean;
  process_is_running: boolean;
}

/** The executables of all running processes (deleted or unreadable ones left out). */
export function runningExecutables(proc = '/proc'): Set<string> {
  const out = new Set<string>();
  for (const pid of readdirSync(proc)) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      out.add(readlinkSync(`${proc}/${pid}/exe`));
    } catch {
      // a kernel thread, a process that just ended, or no permission
    }
  }
  return out;
}

export function watchFiles(paths: readonly string[], running = runningExecutables()): FileReport[] {
  return paths.map((path) => {
    const exist = existsSync(path);
    let real = path;
    try {
      real = exist ? realpathSync(path) : path;
    } catch {
      // unreadable: compared as given
    }
    return { path, exist, process_is_running: running.has(path) || running.has(real) };
  });
}
