// Tailscale wire shapes for auth keys (components.schemas.Key, KeyCapabilities) and the create
// request. Auth keys are meshdeck setup keys: description = name, reusable = type "reusable".
import { z } from 'zod';
import type { SetupKey } from '../../db/models';
import { parseJsonList } from '../../domain/json';
import { keyState } from '../../domain/peers/setup-keys';

export function toTailscaleKey(k: SetupKey, plain?: string) {
  const invalid = keyState(k) !== 'valid';
  return {
    id: k.id,
    ...(plain ? { key: plain } : {}),
    keyType: 'auth',
    expirySeconds: Math.round((k.expiresAt.getTime() - k.createdAt.getTime()) / 1000),
    created: k.createdAt.toISOString(),
    updated: k.updatedAt.toISOString(),
    expires: k.expiresAt.toISOString(),
    // The time of revocation is not kept apart; a revoked key's last update is its revocation.
    ...(k.revoked ? { revoked: k.updatedAt.toISOString() } : {}),
    capabilities: {
      devices: {
        create: { reusable: k.type === 'reusable', ephemeral: k.ephemeral, preauthorized: k.preauthorized, tags: parseJsonList(k.tags) },
      },
    },
    description: k.name,
    ...(invalid ? { invalid: true } : {}),
  };
}

const createCapabilities = z.object({
  reusable: z.boolean().optional(),
  ephemeral: z.boolean().optional(),
  preauthorized: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
});

/** Auth keys need `capabilities.devices` (it may be empty); OAuth clients and federated identities are not offered. */
export const createKeyRequest = z.object({
  keyType: z.literal('auth', { error: 'only auth keys can be created (keyType "auth")' }).optional(),
  description: z.string().optional(),
  capabilities: z.object({ devices: z.object({ create: createCapabilities.optional() }) }),
  expirySeconds: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

export const listKeysQuery = z.object({ all: z.enum(['true', 'false', '1', '0']).optional() });
