// Pure parts of the Tailscale dialect: tag names, the devices list's `fields` and filters, node keys.
import { describe, expect, it } from 'vitest';
import { checkTags } from '@/lib/domain/peers/devices';
import { ValidationError } from '@/lib/domain/errors';
import { deviceFilters, fieldsQuery, nodeKey } from '@/lib/dialects/tailscale/devices';

describe('Tailscale tags', () => {
  it('accepts tag:<letter><letters, digits, dashes> and drops duplicates', () => {
    expect(checkTags(['tag:web', 'tag:db-1', 'tag:web', 'tag:A'])).toEqual(['tag:web', 'tag:db-1', 'tag:A']);
  });
  it.each(['web', 'tag:', 'tag:1web', 'tag:-web', 'tag:we_b', 'tag:сервер', 'tag:a b', 'Tag:web'])('refuses %s', (t) => {
    expect(() => checkTags([t])).toThrow(ValidationError);
  });
});

describe('Tailscale device fields and filters', () => {
  const parse = (fields?: string) => fieldsQuery.safeParse(fields === undefined ? {} : { fields });
  it('reads fields as default unless all is named', () => {
    expect(parse().data?.fields).toBe('default');
    expect(parse('default').data?.fields).toBe('default');
    expect(parse('all').data?.fields).toBe('all');
    expect(parse('default,all').data?.fields).toBe('all');
    expect(parse('some').success).toBe(false);
  });

  it('matches simple values exactly, lists by containment, and all filters together', () => {
    const d = { hostname: 'web-1', isEphemeral: true, tags: ['tag:prod', 'tag:db'], clientConnectivity: {} };
    const match = (q: string) => deviceFilters(new URLSearchParams(q))(d);
    expect(match('')).toBe(true);
    expect(match('fields=all')).toBe(true);
    expect(match('hostname=web-1&isEphemeral=true')).toBe(true);
    expect(match('hostname=web')).toBe(false);
    expect(match('tags=tag:prod&tags=tag:db')).toBe(true);
    expect(match('tags=tag:prod&tags=tag:other')).toBe(false);
    expect(match('unknownField=x')).toBe(false);
    expect(() => match('clientConnectivity=x')).toThrow(ValidationError);
  });

  it('writes the WireGuard key as a hex node key', () => {
    const key = Buffer.alloc(32, 0xab).toString('base64');
    expect(nodeKey(key)).toBe(`nodekey:${'ab'.repeat(32)}`);
    expect(nodeKey('short')).toBe('');
  });
});
