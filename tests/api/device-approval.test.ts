// Peer (device) approval across the two APIs: with approval on, peers that join with a NetBird setup
// key wait for an admin; a Tailscale auth key created `preauthorized` lets its devices straight in.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';
import { tailscale } from '../support/tailscale-client';

let token = '';
let accountId = '';

beforeAll(async () => {
  // An account of its own: switching peer approval on would hold other files' peers back.
  const r = await newAccount();
  token = r.token;
  accountId = r.account.id;
  const db = await testDb();
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  const settings = JSON.parse(account.settingsJson || '{}');
  await db.account.update({ where: { id: accountId }, data: { settingsJson: JSON.stringify({ ...settings, extra: { ...(settings.extra ?? {}), peer_approval_enabled: true } }) } });
});

describe('device approval', () => {
  it('holds NetBird-key peers for approval and lets preauthorized Tailscale-key devices in', async () => {
    const nbKey = (await netbird(token)('POST', '/api/setup-keys', { name: 'nb', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const pending = await register(nbKey, 'needs-approval');
    expect(pending.body.peer.approval_required).toBe(true);
    expect((await sync(pending.body.peer_token)).body.approval_required).toBe(true);

    const ts = tailscale(token);
    const created = await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { reusable: true, ephemeral: false, preauthorized: true, tags: [] } } }, expirySeconds: 86400 });
    expect(created.status).toBe(200);
    const direct = await register(created.body.key, 'preauthorized');
    expect(direct.body.peer.approval_required).toBe(false);

    const notPre = await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { reusable: true, ephemeral: false, preauthorized: false, tags: [] } } }, expirySeconds: 86400 });
    expect((await register(notPre.body.key, 'not-preauthorized')).body.peer.approval_required).toBe(true);
  });
});
