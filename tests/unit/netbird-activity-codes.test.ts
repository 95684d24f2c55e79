// The NetBird audit endpoint shows events whose codes NetBird knows; that list must be the spec's.
import { describe, expect, it } from 'vitest';
import { NETBIRD_ACTIVITY_CODES } from '@/lib/dialects/netbird/events';
import { netbirdApi } from '../support/openapi';

describe('NetBird activity codes', () => {
  it('equal the spec’s Event.activity_code enum', () => {
    const schemas = (netbirdApi().doc.components as { schemas: Record<string, { properties: Record<string, { enum: string[] }> }> }).schemas;
    expect([...NETBIRD_ACTIVITY_CODES]).toEqual(schemas.Event.properties.activity_code.enum);
  });
});
