// Device actions: subnet routes, authorization, name, tags, key expiry, expiring the login and the
// IPv4 address. Each is audited with NetBird's activity code where one fits.
import { deviceRoutes, authorizedRequest, ipRequest, keyRequest, nameRequest, setRoutesRequest, tagsRequest } from '../devices';
import { authorizeDevice, expireDevice, renameDevice, setDeviceIp, setDeviceKeyExpiry, setDeviceRoutes, setDeviceTags } from '../../../domain/peers/devices';
import { getPeer } from '../../../domain/peers/peers';
import { route } from '../../../http/route';
import { tailscale } from '../../../http/dialects/tailscale';
import { done } from '../../../http/tailscale';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const getRoutes = route({ dialect: tailscale }, async ({ db, actor, params }) => deviceRoutes(await getPeer(db, actor, params.deviceId)));

export const setRoutes = route({ dialect: tailscale, body: setRoutesRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await setDeviceRoutes(db, actor, params.deviceId, body.routes);
  if (!same(r.before, r.after)) {
    audit({ code: 'peer.routes.update', activity: 'Device subnet routes enabled', targetId: r.peer.id, meta: { name: r.peer.name, routes: r.after } });
  }
  return deviceRoutes(r.peer);
});

export const setAuthorized = route({ dialect: tailscale, body: authorizedRequest }, async ({ db, actor, params, body, audit }) => {
  const c = await authorizeDevice(db, actor, params.deviceId, body.authorized);
  const meta = { name: c.peer.name, ip: c.peer.ip };
  if (c.approved) audit({ code: 'peer.approve', activity: 'Peer approved', targetId: c.peer.id, meta });
  if (c.approvalRevoked) audit({ code: 'peer.approval.revoke', activity: 'Peer approval revoked', targetId: c.peer.id, meta });
  return done();
});

export const setName = route({ dialect: tailscale, body: nameRequest }, async ({ db, actor, params, body, audit }) => {
  const c = await renameDevice(db, actor, params.deviceId, body.name);
  if (c.renamed) audit({ code: 'peer.rename', activity: 'Peer renamed', targetId: c.peer.id, meta: { name: c.peer.name, ip: c.peer.ip } });
  return done();
});

export const setTags = route({ dialect: tailscale, body: tagsRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await setDeviceTags(db, actor, params.deviceId, body.tags);
  if (!same(r.before, r.after)) audit({ code: 'peer.tags.update', activity: 'Device tags changed', targetId: r.peer.id, meta: { name: r.peer.name, tags: r.after } });
  return done();
});

export const setKeyExpiry = route({ dialect: tailscale, body: keyRequest }, async ({ db, actor, params, body, audit }) => {
  const c = await setDeviceKeyExpiry(db, actor, params.deviceId, body.keyExpiryDisabled);
  if (c.loginExpirationChanged) {
    const on = c.peer.loginExpirationEnabled;
    audit({ code: on ? 'peer.login.expiration.enable' : 'peer.login.expiration.disable', activity: 'Peer login expiration changed', targetId: c.peer.id, meta: { name: c.peer.name, ip: c.peer.ip } });
  }
  return done();
});

export const expire = route({ dialect: tailscale }, async ({ db, actor, params, audit }) => {
  const p = await expireDevice(db, actor, params.deviceId);
  audit({ code: 'peer.login.expire', activity: 'Peer login expired', targetId: p.id, meta: { name: p.name, ip: p.ip } });
  return done();
});

export const setIp = route({ dialect: tailscale, body: ipRequest }, async ({ db, actor, params, body, audit }) => {
  const c = await setDeviceIp(db, actor, params.deviceId, body.ipv4);
  if (c.ipChanged) audit({ code: 'peer.ip.update', activity: 'Peer IP address changed', targetId: c.peer.id, meta: { name: c.peer.name, ip: c.peer.ip } });
  return done();
});
