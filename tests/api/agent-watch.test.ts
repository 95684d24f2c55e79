// The agent map's `watch_files`: the Linux paths of the process checks that enabled policies use —
// what the agent must report on in `meta.files` — and nothing while no policy uses one.
import { beforeAll, describe, expect, it } from 'vitest';
import { accountWithSetupKey } from '../support/agent-account';
import type { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';

let nb: ReturnType<typeof netbird>;
let key = '';

beforeAll(async () => {
  ({ nb, key } = await accountWithSetupKey());
});

describe('watch_files in the agent map', () => {
  it('lists the Linux paths of process checks in enabled policies, once each', async () => {
    const peer = await register(key, 'watcher');
    const group = (await nb('POST', '/api/groups', { name: 'watch-src', peers: [peer.body.peer.id] })).body.id;
    const check = async (name: string, processes: unknown[]) => (await nb('POST', '/api/posture-checks', { name, description: '', checks: { process_check: { processes } } })).body.id;
    const edr = await check('edr', [{ linux_path: '/usr/bin/edr', windows_path: 'C:\\edr.exe' }]);
    const av = await check('av', [{ linux_path: '/opt/av/bin/avd' }, { linux_path: '/usr/bin/edr' }, { mac_path: '/Applications/AV.app' }]);
    await check('unused', [{ linux_path: '/usr/bin/unused' }]);
    expect((await sync(peer.body.peer_token)).body.watch_files).toEqual([]);

    const policy = (name: string, checks: string[], enabled = true) => ({
      name,
      enabled,
      source_posture_checks: checks,
      rules: [{ name, enabled: true, action: 'accept', bidirectional: false, protocol: 'all', sources: [group], destinations: [group] }],
    });
    expect((await nb('POST', '/api/policies', policy('with edr', [edr]))).status).toBe(200);
    expect((await sync(peer.body.peer_token)).body.watch_files).toEqual(['/usr/bin/edr']);
    const withAv = (await nb('POST', '/api/policies', policy('with av', [av, edr]))).body.id;
    expect((await sync(peer.body.peer_token)).body.watch_files).toEqual(['/opt/av/bin/avd', '/usr/bin/edr']);
    // A disabled policy's checks are not watched.
    const before = (await sync(peer.body.peer_token)).body.serial;
    expect((await nb('PUT', `/api/policies/${withAv}`, policy('with av', [av, edr], false))).status).toBe(200);
    const after = (await sync(peer.body.peer_token)).body;
    expect(after.serial).toBeGreaterThan(before);
    expect(after.watch_files).toEqual(['/usr/bin/edr']);
  });
});
