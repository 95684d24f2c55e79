// Shapes of the informational endpoints: version, protocols, specs, controllers, network JWTs.
import { baseEntity } from './envelope';

export const EDGE_CLIENT_PATH = '/edge/client/v1';
/** The Edge Client API release meshdeck implements (openziti/edge-api client.yml 0.29.0). */
export const ZITI_API_RELEASE = 'v0.29.0';

export function versionShape(baseUrl: string, meshdeckVersion: string) {
  const v1 = { path: EDGE_CLIENT_PATH, version: '0.0.1', apiBaseUrls: [baseUrl + EDGE_CLIENT_PATH] };
  return {
    version: ZITI_API_RELEASE,
    revision: `meshdeck-${meshdeckVersion}`,
    buildDate: '',
    runtimeVersion: `node ${process.version}`,
    // Neither OIDC_AUTH (Ziti's OIDC login) nor HA_CONTROLLER is offered.
    capabilities: [] as string[],
    apiVersions: { edge: { v1 }, 'edge-client': { v1 } },
  };
}

/** The protocols the API is served on: just the address meshdeck answers on. */
export function protocolsShape(baseUrl: string) {
  const u = new URL(baseUrl);
  return { [u.protocol === 'https:' ? 'https' : 'http']: { address: u.host } };
}

export const SPEC_ID = 'edge-client';
const SPEC_CREATED = new Date('2023-01-01T00:00:00Z');

export const specShape = () => ({ ...baseEntity({ id: SPEC_ID, createdAt: SPEC_CREATED }, `specs/${SPEC_ID}`), name: 'edge-client' });

export function controllerShape(o: { id: string; name: string; baseUrl: string; certPem: string; fingerprint: string; since: Date }) {
  return {
    ...baseEntity({ id: o.id, createdAt: o.since }, `controllers/${o.id}`),
    name: o.name,
    apiAddresses: { 'edge-client': [{ url: o.baseUrl + EDGE_CLIENT_PATH, version: 'v1' }] },
    certPem: o.certPem,
    fingerprint: o.fingerprint,
    isOnline: true,
    isPreferredLeader: true,
    lastJoinedAt: o.since.toISOString(),
  };
}

/** The address clients reach meshdeck at: MESHDECK_PUBLIC_URL, else the request's origin. */
export const publicBaseUrl = (url: URL) => (process.env.MESHDECK_PUBLIC_URL || url.origin).replace(/\/$/, '');
