// NetBird wire shapes for posture checks (components.schemas.PostureCheck, PostureCheckUpdate,
// Checks and its five check kinds). The domain stores `checks` in this very shape.
import { z } from 'zod';
import type { PostureCheckInput, PostureCheckView } from '../../domain/posture/checks';

const minVersion = z.object({ min_version: z.string() });
const minKernelVersion = z.object({ min_kernel_version: z.string() });

// Optional parts may be sent as null (NetBird's Go decoder treats null as absent).
const checks = z.object({
  nb_version_check: minVersion.nullish(),
  os_version_check: z
    .object({
      android: minVersion.nullish(),
      darwin: minVersion.nullish(),
      ios: minVersion.nullish(),
      linux: minKernelVersion.nullish(),
      windows: minKernelVersion.nullish(),
    })
    .nullish(),
  geo_location_check: z
    .object({
      locations: z.array(z.object({ country_code: z.string(), city_name: z.string().nullish() })),
      action: z.string(),
    })
    .nullish(),
  peer_network_range_check: z.object({ ranges: z.array(z.string()), action: z.string() }).nullish(),
  process_check: z
    .object({
      processes: z.array(z.object({ linux_path: z.string().nullish(), mac_path: z.string().nullish(), windows_path: z.string().nullish() })),
    })
    .nullish(),
});

/** PostureCheckUpdate: `name` and `description` are required by the spec, `checks` is not. */
export const postureCheckRequest = z.object({
  name: z.string(),
  description: z.string(),
  checks: checks.nullish(),
});

/** Drops nulls everywhere (they mean "absent"), giving the domain plain optional fields. */
function withoutNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(withoutNulls) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === null || x === undefined ? [] : [[k, withoutNulls(x)]]))) as T;
  }
  return v;
}

export function postureCheckInput(body: z.infer<typeof postureCheckRequest>): PostureCheckInput {
  return withoutNulls({ name: body.name, description: body.description, checks: body.checks ?? undefined }) as PostureCheckInput;
}

export function toNetbirdPostureCheck(p: PostureCheckView) {
  return { id: p.id, name: p.name, description: p.description, checks: p.checks };
}

export type NetbirdPostureCheck = ReturnType<typeof toNetbirdPostureCheck>;
