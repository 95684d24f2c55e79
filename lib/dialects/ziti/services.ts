// Edge Client API shapes for services, edge routers and terminators (definitions serviceDetail,
// servicePatch/serviceUpdate, commonEdgeRouterProperties, currentIdentityEdgeRouterDetail,
// terminatorClientDetail), and the configs meshdeck derives from a resource's address.
import { z } from 'zod';
import { parseJsonList } from '../../domain/json';
import type { ZitiCaller } from '../../domain/ziti/api-sessions';
import type { EdgeRouter, Terminator } from '../../domain/ziti/edge-routers';
import type { ZitiService } from '../../domain/ziti/services';
import { baseEntity, entityRef, link } from './envelope';

// Fields Ziti services have and meshdeck's resources do not: accepted only with the values every
// meshdeck service has, so a client never believes it changed something that was not stored.
const fixed = {
  configs: z.array(z.string()).max(0, 'configs: meshdeck derives configs from the resource address; none can be attached').optional(),
  encryptionRequired: z.literal(true, 'encryptionRequired: meshdeck services always require end-to-end encryption').optional(),
  maxIdleTimeMillis: z.literal(0, 'maxIdleTimeMillis: only 0 (no idle timeout) is supported').optional(),
  terminatorStrategy: z.literal('smartrouting', 'terminatorStrategy: only smartrouting is supported').optional(),
  tags: z.record(z.string(), z.unknown()).refine((t) => Object.keys(t).length === 0, 'tags: services cannot carry tags in meshdeck').nullish(),
};

export const serviceUpdate = z.object({ name: z.string(), roleAttributes: z.array(z.string()).nullish(), ...fixed });
export const servicePatch = z.object({ name: z.string().optional(), roleAttributes: z.array(z.string()).nullish(), ...fixed });

/** Config types meshdeck can derive for a service, by name (Ziti also accepts the type's id). */
export const CONFIG_TYPES = ['intercept.v1', 'host.v1'] as const;

/** The config types a request wants: its `configTypes` parameters plus those named at authentication. */
export function requestedConfigTypes(url: URL, caller: ZitiCaller): string[] {
  return [...url.searchParams.getAll('configTypes'), ...parseJsonList(caller.apiSession.configTypes)];
}

const ALL_PORTS = [{ low: 1, high: 65535 }];

/**
 * Ziti's per-service `config` map for the config types the client asked for (`all` = every one):
 * intercept.v1 tells a tunneler which address to capture (Dial), host.v1 where to forward (Bind).
 */
export function configsFor(s: ZitiService, wanted: string[]): Record<string, Record<string, unknown>> {
  const all = wanted.includes('all');
  const out: Record<string, Record<string, unknown>> = {};
  if ((all || wanted.includes('intercept.v1')) && s.permissions.includes('Dial')) {
    out['intercept.v1'] = { protocols: ['tcp', 'udp'], addresses: [s.address], portRanges: ALL_PORTS };
  }
  if ((all || wanted.includes('host.v1')) && s.permissions.includes('Bind')) {
    const address = s.type === 'subnet' ? { forwardAddress: true, allowedAddresses: [s.address] } : { address: s.address };
    out['host.v1'] = { ...address, forwardProtocol: true, allowedProtocols: ['tcp', 'udp'], forwardPort: true, allowedPortRanges: ALL_PORTS };
  }
  return out;
}

export function toZitiService(s: ZitiService, configTypes: string[] = []) {
  const base = baseEntity(s, `services/${s.id}`);
  return {
    ...base,
    _links: { ...base._links, 'edge-routers': link(`services/${s.id}/edge-routers`), terminators: link(`services/${s.id}/terminators`) },
    name: s.name,
    roleAttributes: s.roleAttributes,
    permissions: s.permissions,
    encryptionRequired: true,
    terminatorStrategy: 'smartrouting',
    maxIdleTimeMillis: 0,
    configs: [],
    config: configsFor(s, configTypes),
    postureQueries: [],
  };
}

function routerProperties(r: EdgeRouter) {
  return {
    name: r.name,
    hostname: r.hostname || r.dnsLabel,
    isOnline: r.connected,
    disabled: r.approvalRequired,
    cost: 0,
    noTraversal: false,
    // meshdeck's routers are reached over the mesh, not through a Ziti edge listener.
    supportedProtocols: {},
    syncStatus: r.connected ? 'SYNC_DONE' : 'SYNC_UNKNOWN',
    appData: {},
  };
}

export function toCurrentIdentityEdgeRouter(r: EdgeRouter) {
  return { ...baseEntity(r, `edge-routers/${r.id}`), ...routerProperties(r) };
}

export const toServiceEdgeRouter = routerProperties;

export function toSessionEdgeRouter(r: EdgeRouter) {
  return { ...routerProperties(r), urls: {} };
}

export function toTerminator(t: Terminator) {
  return {
    ...baseEntity({ id: t.id, createdAt: t.router.createdAt }, `terminators/${t.id}`),
    serviceId: t.serviceId,
    service: entityRef('service', t.serviceId, t.serviceName),
    routerId: t.router.id,
    identity: t.identityId,
  };
}
