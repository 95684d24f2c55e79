// The audit trail: one row per mutation, written in the same transaction as the change itself.
// Domain writers record what they changed (`recordChange`); the route wrapper only says, for the
// request, which API the change came through (`withAuditScope`), so no handler builds an entry.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { newId } from './ids';

export type AuditSource = 'netbird' | 'tailscale' | 'zerotier' | 'ziti' | 'console' | 'system';

/**
 * Every activity code meshdeck writes: NetBird's own codes (lib/dialects/netbird/events.ts lists
 * them all) where one fits, meshdeck's for what only the other APIs do.
 */
export type ActivityCode =
  | 'account.create' | 'account.rename' | 'account.suspend' | 'account.resume' | 'account.quota.update' | 'account.owner.invite' | 'account.dns.domain.update' | 'account.network.range.update' | 'account.peer.inactivity.expiration.disable' | 'account.peer.inactivity.expiration.enable' | 'account.peer.inactivity.expiration.update' | 'account.setting.group.propagation.disable' | 'account.setting.group.propagation.enable' | 'account.setting.lazy.connection.disable' | 'account.setting.lazy.connection.enable' | 'account.setting.peer.approval.disable' | 'account.setting.peer.approval.enable' | 'account.setting.peer.login.expiration.disable' | 'account.setting.peer.login.expiration.enable' | 'account.setting.peer.login.expiration.update' | 'account.setting.routing.peer.dns.resolution.disable' | 'account.setting.routing.peer.dns.resolution.enable' | 'account.settings.auto.version.update'
  | 'acl.restore' | 'acl.update'
  | 'dns.setting.disabled.management.group.add' | 'dns.setting.disabled.management.group.delete'
  | 'group.add' | 'group.delete' | 'group.update'
  | 'nameserver.group.add' | 'nameserver.group.delete' | 'nameserver.group.update'
  | 'network.create' | 'network.delete' | 'network.resource.create' | 'network.resource.delete' | 'network.resource.update' | 'network.router.create' | 'network.router.delete' | 'network.router.update' | 'network.update'
  | 'peer.approval.revoke' | 'peer.approve' | 'peer.group.add' | 'peer.group.delete' | 'peer.inactivity.expiration.disable' | 'peer.inactivity.expiration.enable' | 'peer.ip.update' | 'peer.login.expiration.disable' | 'peer.login.expiration.enable' | 'peer.login.expire' | 'peer.rename' | 'peer.routes.update' | 'peer.setupkey.add' | 'peer.ssh.disable' | 'peer.ssh.enable' | 'peer.tags.update' | 'peer.user.add'
  | 'personal.access.token.create' | 'personal.access.token.delete'
  | 'policy.add' | 'policy.delete' | 'policy.update'
  | 'posture.check.create' | 'posture.check.delete' | 'posture.check.update'
  | 'resource.group.add' | 'resource.group.delete'
  | 'route.add' | 'route.delete' | 'route.update'
  | 'service.create' | 'service.delete' | 'service.update' | 'service.user.create' | 'service.user.delete'
  | 'setupkey.add' | 'setupkey.delete' | 'setupkey.group.add' | 'setupkey.group.delete' | 'setupkey.revoke' | 'setupkey.update'
  | 'tailnet.dns.nameservers.update' | 'tailnet.dns.preferences.update' | 'tailnet.dns.searchpaths.update' | 'tailnet.dns.splitdns.update'
  | 'transferred.owner.role'
  | 'user.approve' | 'user.block' | 'user.delete' | 'user.group.add' | 'user.group.delete' | 'user.invite' | 'user.peer.delete' | 'user.reject' | 'user.role.update' | 'user.unblock'
  | 'zerotier.iptables.update' | 'zerotier.member.add' | 'zerotier.member.authorize' | 'zerotier.member.deauthorize' | 'zerotier.member.delete' | 'zerotier.member.update' | 'zerotier.moon.deorbit' | 'zerotier.moon.orbit' | 'zerotier.network.create' | 'zerotier.network.delete' | 'zerotier.network.join' | 'zerotier.network.join.update' | 'zerotier.network.leave' | 'zerotier.network.update' | 'zerotier.settings.update'
  | 'ziti.api-session.delete' | 'ziti.authenticator.extend' | 'ziti.authenticator.extend.verify' | 'ziti.authenticator.update' | 'ziti.enrollment.create' | 'ziti.identity.create' | 'ziti.identity.delete' | 'ziti.identity.enroll' | 'ziti.mfa.delete' | 'ziti.mfa.enroll.start' | 'ziti.mfa.enroll.verify' | 'ziti.mfa.recovery_codes.regenerate' | 'ziti.session.create' | 'ziti.session.delete';

export interface AuditEntry {
  /** Stable machine code, NetBird style, e.g. "personal.access.token.create". */
  code: ActivityCode;
  /** Human sentence, e.g. "Personal access token created". */
  activity: string;
  targetId?: string;
  meta?: Record<string, unknown>;
  /** Who did it, when not a signed-in user (e.g. a peer registering with a setup key). */
  initiator?: { id: string; name: string; email?: string };
  /** The account, when the actor does not name one (a peer, a Ziti identity, the system). */
  accountId?: string;
}

export async function recordAudit(db: Tx, actor: Actor | null, source: AuditSource, e: AuditEntry) {
  const accountId = e.accountId ?? actor?.accountId;
  if (!accountId) throw new Error('audit event without account');
  await db.auditEvent.create({
    data: {
      id: newId(),
      accountId,
      activityCode: e.code,
      activity: e.activity,
      initiatorId: actor?.userId ?? e.initiator?.id ?? 'system',
      initiatorName: actor?.name ?? e.initiator?.name ?? 'meshdeck',
      initiatorEmail: actor?.email ?? e.initiator?.email ?? '',
      targetId: e.targetId ?? '',
      meta: JSON.stringify(e.meta ?? {}),
      source,
    },
  });
}

/** What a request tells the entries its writers record: the API it came through and, for a Ziti identity's session, who acted. */
export interface AuditScope {
  source: AuditSource;
  /** Overrides the entries' account and initiator (a Ziti identity is the initiator of what its session changes). */
  caller?: Pick<AuditEntry, 'accountId' | 'initiator'>;
}

const scope = new AsyncLocalStorage<AuditScope>();

/** Runs `fn` with the request's audit scope (lib/http/route.ts); outside one, entries are the system's. */
export function withAuditScope<T>(s: AuditScope, fn: () => Promise<T>): Promise<T> {
  return scope.run(s, fn);
}

/**
 * A domain writer records what it changed, on the same database handle (the request's transaction),
 * so the change and its audit row land together or not at all.
 */
export async function recordChange(db: Tx, actor: Actor | null, e: AuditEntry): Promise<void> {
  const s = scope.getStore();
  await recordAudit(db, actor, s?.source ?? 'system', s?.caller ? { ...s.caller, ...e } : e);
}
