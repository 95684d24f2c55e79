// Watched files: the paths process posture checks name, per OS, for the map (server side), and the
// agent's report of whether each exists and runs, read from this machine's /proc.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runningExecutables, watchFiles } from '@/agent/processes';
import { processPaths } from '@/lib/domain/agent/watch';

const dir = mkdtempSync(join(tmpdir(), 'meshdeck-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('processPaths', () => {
  it('takes each process check\'s path for the OS, once, sorted', () => {
    const checks = [
      { process_check: { processes: [{ linux_path: '/usr/bin/b', mac_path: '/Applications/B' }, { windows_path: 'C:\\\\b.exe' }] } },
      { process_check: { processes: [{ linux_path: '/usr/bin/a' }, { linux_path: '/usr/bin/b' }] } },
      { nb_version_check: { min_version: '0.1.0' } },
    ];
    expect(processPaths(checks, 'linux')).toEqual(['/usr/bin/a', '/usr/bin/b']);
    expect(processPaths(checks, 'darwin')).toEqual(['/Applications/B']);
    expect(processPaths(checks, 'plan9')).toEqual([]);
  });
});

describe('watchFiles', () => {
  it('sees a process running from a watched path, also through a symlink, and stops seeing it', async () => {
    const exe = join(dir, 'watched-daemon');
    // A small program of the machine's own, under a path of the test's.
    copyFileSync(spawnSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).stdout.trim(), exe);
    const link = join(dir, 'daemon-link');
    symlinkSync(exe, link);
    const missing = join(dir, 'not-there');
    expect(watchFiles([exe, link, missing])).toEqual([
      { path: exe, exist: true, process_is_running: false },
      { path: link, exist: true, process_is_running: false },
      { path: missing, exist: false, process_is_running: false },
    ]);
    const child = spawn(exe, ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(runningExecutables().has(exe)).toBe(true);
      expect(watchFiles([exe, link]).map((f) => f.process_is_running)).toEqual([true, true]);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(watchFiles([exe])[0].process_is_running).toBe(false);
  });
});
