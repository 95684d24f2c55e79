// Tailscale device operations on meshdeck peers (a device IS a peer). Renaming, authorizing, key
// expiry and the IPv4 address go through updatePeer, so they follow exactly the NetBird rules (new
// DNS label, address inside the range and free). Tags, enabled subnet routes and expiring a login
// are Tailscale's own operations and live here. Every change bumps the network serial and is
// audited (lib/domain/peers/activity.ts); setting what already was is not.
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { jsonList, parseJsonList } from '../json';
import { getPeer, updatePeer, type PeerUpdate } from './peers';
import { bumpNetworkSerial } from '../serial';
import { checkTagOwners } from '../acl/tag-owners';
import { parsePrefix } from '../validate-net';
import { recordChange } from '../audit';
import { peerActivity } from './activity';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The peer's current editable settings, so that one of them can change alone. */
function unchanged(peer: Peer): PeerUpdate {
  return {
    name: peer.name,
    sshEnabled: peer.sshEnabled,
    loginExpirationEnabled: peer.loginExpirationEnabled,
    inactivityExpirationEnabled: peer.inactivityExpirationEnabled,
  };
}

/**
 * Tailscale accepts the machine name or its full MagicDNS name; empty means "back to the OS
 * hostname". Other dotted names would not be a name in the tailnet's DNS domain.
 */
export async function renameDevice(db: Tx, actor: Actor, id: string, requested: string | undefined) {
  const peer = await getPeer(db, actor, id);
  const { dnsDomain } = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { dnsDomain: true } });
  let name = (requested ?? '').trim().replace(/\.$/, '');
  const suffix = `.${dnsDomain}`.toLowerCase();
  if (name.toLowerCase().endsWith(suffix)) name = name.slice(0, -suffix.length);
  if (!name) name = peer.hostname || peer.name;
  if (name.includes('.')) throw new ValidationError(`invalid device name ${JSON.stringify(requested)}: give the machine name, or its full name in ${dnsDomain}`);
  return updatePeer(db, actor, id, { ...unchanged(peer), name });
}

/** authorized ⇔ the peer does not wait for approval. */
export async function authorizeDevice(db: Tx, actor: Actor, id: string, authorized: boolean) {
  const peer = await getPeer(db, actor, id);
  return updatePeer(db, actor, id, { ...unchanged(peer), approvalRequired: !authorized });
}

/** keyExpiryDisabled ⇔ the peer's login expiration is off. */
export async function setDeviceKeyExpiry(db: Tx, actor: Actor, id: string, keyExpiryDisabled: boolean) {
  const peer = await getPeer(db, actor, id);
  return updatePeer(db, actor, id, { ...unchanged(peer), loginExpirationEnabled: !keyExpiryDisabled });
}

export async function setDeviceIp(db: Tx, actor: Actor, id: string, ipv4: string) {
  const peer = await getPeer(db, actor, id);
  return updatePeer(db, actor, id, { ...unchanged(peer), ip: ipv4.trim() });
}

// Tailscale's rule for tag names (its wording too): letters, digits and dashes, a letter first.
const TAG = /^tag:[A-Za-z][A-Za-z0-9-]*$/;

export function checkTags(tags: string[]): string[] {
  for (const t of tags) {
    if (!t.startsWith('tag:')) throw new ValidationError(`tag ${JSON.stringify(t)} must start with 'tag:'`);
    if (!/^tag:[A-Za-z]/.test(t)) throw new ValidationError(`tag ${JSON.stringify(t)}: tag names must start with a letter, after 'tag:'`);
    if (!TAG.test(t)) throw new ValidationError(`tag ${JSON.stringify(t)}: tag names can only contain letters, numbers and dashes`);
  }
  return [...new Set(tags)];
}

/**
 * Replaces the device's tags: well-formed, defined in the access-policy document's tagOwners, and
 * owned by the caller (lib/domain/acl/tag-owners.ts), as Tailscale requires.
 */
export async function setDeviceTags(db: Tx, actor: Actor, id: string, tags: string[]) {
  const peer = await getPeer(db, actor, id);
  const next = checkTags(tags);
  await checkTagOwners(db, actor, next);
  const before = parseJsonList(peer.tags);
  const updated = await db.peer.update({ where: { id: peer.id }, data: { tags: jsonList(next) } });
  await bumpNetworkSerial(db, actor.accountId);
  if (!same(before, next)) await recordChange(db, actor, peerActivity.tagsChanged(updated, next));
  return { peer: updated, before, after: next };
}

/** Replaces the enabled subnet routes; each must be a prefix the device advertises. */
export async function setDeviceRoutes(db: Tx, actor: Actor, id: string, routes: string[]) {
  const peer = await getPeer(db, actor, id);
  const advertised = new Set(parseJsonList(peer.advertisedRoutes).map((r) => parsePrefix(r)?.masked ?? r));
  const next = routes.map((r) => {
    const prefix = parsePrefix(r.trim());
    if (!prefix) throw new ValidationError(`route ${JSON.stringify(r)} is not a valid IP prefix`);
    if (!advertised.has(prefix.masked)) throw new ValidationError(`route ${prefix.masked} is not advertised by the device`);
    return prefix.masked;
  });
  const updated = await db.peer.update({ where: { id: peer.id }, data: { enabledRoutes: jsonList(next) } });
  await bumpNetworkSerial(db, actor.accountId);
  const before = parseJsonList(peer.enabledRoutes);
  const after = [...new Set(next)];
  if (!same(before, after)) await recordChange(db, actor, peerActivity.routesEnabled(updated, after));
  return { peer: updated, before, after };
}

/**
 * Marks the device's login as expired now: its agent is refused until it logs in again. Login
 * expiry applies to peers added by a user while the account's peer login expiration is on (the
 * NetBird rule), so other devices are refused rather than shown as expired while still working.
 */
export async function expireDevice(db: Tx, actor: Actor, id: string, now = Date.now()) {
  const peer = await getPeer(db, actor, id);
  if (!peer.userId) throw new ValidationError('the device was added with an auth key; its login does not expire');
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { peerLoginExpirationEnabled: true, peerLoginExpiration: true } });
  if (!account.peerLoginExpirationEnabled) throw new ValidationError('peer login expiration is disabled for the tailnet');
  const updated = await db.peer.update({
    where: { id: peer.id },
    data: { loginExpirationEnabled: true, lastLogin: new Date(now - account.peerLoginExpiration * 1000 - 1000) },
  });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, peerActivity.loginExpired(updated));
  return updated;
}
