// Helpers for the Tailscale API tests: the exact field sets of a Device, and counting audit rows.
import { testDb } from './fixtures';

/** The fields `fields=default` returns (the spec's list under the `fields` parameter). */
export const DEFAULT_DEVICE_FIELDS = [
  'addresses', 'id', 'nodeId', 'user', 'name', 'hostname', 'clientVersion', 'updateAvailable', 'os', 'created',
  'connectedToControl', 'lastSeen', 'keyExpiryDisabled', 'expires', 'authorized', 'isExternal', 'machineKey', 'nodeKey',
  'blocksIncomingConnections', 'tailnetLockKey', 'tailnetLockError', 'tags', 'isEphemeral',
];

/** What `fields=all` adds. */
export const ALL_ONLY_DEVICE_FIELDS = ['enabledRoutes', 'advertisedRoutes', 'clientConnectivity', 'sshEnabled', 'postureIdentity'];

export async function auditCodes(targetId: string): Promise<{ activityCode: string; source: string }[]> {
  const db = await testDb();
  return db.auditEvent.findMany({ where: { targetId }, select: { activityCode: true, source: true }, orderBy: { timestamp: 'asc' } });
}

/** Activity codes of the events about a target that came through the Tailscale API, oldest first. */
export async function tailscaleAuditCodes(targetId: string): Promise<string[]> {
  return (await auditCodes(targetId)).filter((e) => e.source === 'tailscale').map((e) => e.activityCode);
}
