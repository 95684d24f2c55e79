// Edge Client API shapes for sessions (definitions sessionCreate, sessionDetail), service updates
// (currentApiSessionServiceUpdateList) and posture responses (postureResponseCreate and its kinds).
import { z } from 'zod';
import { MAX_POSTURE_RESPONSES } from '../../domain/ziti/posture';
import type { SessionView } from '../../domain/ziti/sessions';
import { baseEntity, entityRef } from './envelope';
import { toSessionEdgeRouter } from './services';

export const sessionCreate = z.object({
  serviceId: z.string().min(1, 'serviceId is required'),
  type: z.string().optional(),
  tags: z.record(z.string(), z.unknown()).nullish(),
});

export function toZitiSession(v: SessionView) {
  const s = v.session;
  return {
    ...baseEntity(s, `sessions/${s.id}`),
    type: s.type,
    token: v.token,
    apiSessionId: s.apiSessionId,
    apiSession: entityRef('api-session', s.apiSessionId, ''),
    serviceId: s.serviceId,
    service: entityRef('service', s.serviceId, v.serviceName),
    identityId: s.identityId,
    edgeRouters: v.edgeRouters.map(toSessionEdgeRouter),
  };
}

export const POSTURE_TYPES = ['OS', 'PROCESS', 'DOMAIN', 'MAC', 'MFA', 'PROCESS_MULTI', 'ENDPOINT_STATE'] as const;

/** One posture response; the fields of its kind (os type/version, process path, domain...) ride along. */
export const postureResponseCreate = z.looseObject({ id: z.string().min(1, 'id is required'), typeId: z.enum(POSTURE_TYPES) });
export const postureResponseBulk = z.array(postureResponseCreate).max(MAX_POSTURE_RESPONSES, `at most ${MAX_POSTURE_RESPONSES} posture responses at once`);

/** What Ziti answers: the services whose posture state changed (meshdeck does not yet enforce posture). */
export const postureResponse = () => ({ services: [] as unknown[] });
