// NetBird wire shapes for setup keys (SetupKey, SetupKeyClear, CreateSetupKeyRequest, SetupKeyRequest).
import { z } from 'zod';
import type { SetupKey } from '../../db/models';
import { parseJsonList } from '../../domain/json';
import { keyState } from '../../domain/peers/setup-keys';

/** NetBird sends the zero time for "never used". */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function toNetbirdSetupKey(k: SetupKey, plain?: string) {
  const state = keyState(k);
  return {
    id: k.id,
    name: k.name,
    expires: k.expiresAt.toISOString(),
    type: k.type,
    valid: state === 'valid',
    revoked: k.revoked,
    used_times: k.usedTimes,
    last_used: k.lastUsed ? k.lastUsed.toISOString() : ZERO_TIME,
    state,
    auto_groups: parseJsonList(k.autoGroups),
    updated_at: k.updatedAt.toISOString(),
    usage_limit: k.usageLimit,
    ephemeral: k.ephemeral,
    allow_extra_dns_labels: k.allowExtraDnsLabels,
    key: plain ?? `${k.keyPrefix}****`,
  };
}

export const createSetupKeyRequest = z.object({
  name: z.string(),
  type: z.string(),
  expires_in: z.number().int(),
  auto_groups: z.array(z.string()),
  usage_limit: z.number().int(),
  ephemeral: z.boolean().optional(),
  allow_extra_dns_labels: z.boolean().optional(),
});

export const updateSetupKeyRequest = z.object({
  revoked: z.boolean(),
  auto_groups: z.array(z.string()),
});

export type NetbirdSetupKey = ReturnType<typeof toNetbirdSetupKey>;
