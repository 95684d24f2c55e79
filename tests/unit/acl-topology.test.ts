// The account → Tailscale topology mapping the ACL document is validated against, and the small
// pure helpers of the ACL document service.
import { describe, expect, it } from 'vitest';
import { etagOf, parseIfMatch, TS_DEFAULT } from '@/lib/domain/acl/document';
import { DEFAULT_ACL_TEXT } from '@/lib/domain/acl/default-policy';
import { parsePolicyText } from '@/lib/domain/acl/policy-text';
import { tailnetRole, topologyFromRows } from '@/lib/domain/acl/topology';
import { compileTailscalePolicy, isCompileError } from '@/lib/domain/policy/tailscale/compile';

const users = [
  { id: 'u1', email: 'odin@example.com', role: 'owner', isServiceUser: false },
  { id: 'u2', email: 'thor@example.com', role: 'user', isServiceUser: false },
  { id: 'u3', email: 'loki@example.com', role: 'auditor', isServiceUser: false },
  { id: 'svc', email: 'svc-ci@service-user.meshdeck.invalid', role: 'user', isServiceUser: true },
];
const peer = (id: string, extra: Partial<{ userId: string; ip: string; ipv6: string; tags: string; advertisedRoutes: string; enabledRoutes: string; hostname: string }>) => ({
  id, name: id, hostname: '', userId: '', ip: '100.64.0.1', ipv6: '', tags: '[]', advertisedRoutes: '[]', enabledRoutes: '[]', ...extra,
});

describe('acl topology', () => {
  it('maps users to login emails and Tailscale roles', () => {
    const topo = topologyFromRows(users, []);
    expect(topo.users.find((u) => u.id === 'u1')).toEqual({ id: 'u1', name: 'odin', email: 'odin@example.com', role: 'owner' });
    expect(topo.users.find((u) => u.id === 'u2')!.role).toBe('member');
    expect(topo.users.find((u) => u.id === 'u3')!.role).toBe('auditor');
    // Service users without a real email cannot be named by a policy.
    expect(topo.users.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
    expect(tailnetRole('admin')).toBe('admin');
    expect(tailnetRole('strange')).toBe('member');
  });

  it('maps peers to nodes: addresses, owner, tags (a tagged node has no user) and routes', () => {
    const topo = topologyFromRows(users, [
      peer('p1', { userId: 'u2', ip: '100.64.0.2', ipv6: 'fd7a:115c:a1e0::2', hostname: 'thor-laptop' }),
      peer('p2', { userId: 'u1', ip: '100.64.0.3', tags: '["tag:router"]', advertisedRoutes: '["10.0.0.0/8","0.0.0.0/0"]', enabledRoutes: '["10.0.0.0/8"]' }),
      peer('p3', { ip: '100.64.0.4' }),
    ]);
    expect(topo.nodes).toEqual([
      { name: 'p1', hostname: 'thor-laptop', tags: [], ipv4: '100.64.0.2', ipv6: 'fd7a:115c:a1e0::2', user: 'thor@example.com', routableIps: [], approvedRoutes: [] },
      { name: 'p2', hostname: 'p2', tags: ['tag:router'], ipv4: '100.64.0.3', routableIps: ['10.0.0.0/8', '0.0.0.0/0'], approvedRoutes: ['10.0.0.0/8'] },
      { name: 'p3', hostname: 'p3', tags: [], ipv4: '100.64.0.4', routableIps: [], approvedRoutes: [] },
    ]);
  });

  it('gives the policy engine what it needs to accept and reject against real users and tags', () => {
    const topo = topologyFromRows(users, [peer('p1', { userId: 'u2', ip: '100.64.0.2' }), peer('p2', { ip: '100.64.0.3', tags: '["tag:db"]' })]);
    const doc = (tests: unknown[]) => ({
      tagOwners: { 'tag:db': ['autogroup:admin'] },
      acls: [{ action: 'accept', src: ['thor@example.com'], dst: ['tag:db:5432'] }],
      tests,
    });
    expect(isCompileError(compileTailscalePolicy(doc([{ src: 'thor@example.com', accept: ['tag:db:5432'], deny: ['tag:db:22'] }]), topo))).toBe(false);
    expect(compileTailscalePolicy(doc([{ src: 'thor@example.com', deny: ['tag:db:5432'] }]), topo)).toEqual({ error: 'test(s) failed' });
    expect(compileTailscalePolicy({ acls: [{ action: 'accept', src: ['tag:nope'], dst: ['*:*'] }] }, topo)).toEqual({ error: 'src=tag not found: "tag:nope"' });
    // The default document is valid for any account.
    expect(isCompileError(compileTailscalePolicy(parsePolicyText(DEFAULT_ACL_TEXT), topo))).toBe(false);
  });
});

describe('acl document helpers', () => {
  it('reads If-Match headers as Tailscale sends them', () => {
    expect(parseIfMatch('"abc123"')).toBe('abc123');
    expect(parseIfMatch('W/"abc123"')).toBe('abc123');
    expect(parseIfMatch('abc123')).toBe('abc123');
    expect(parseIfMatch('"ts-default"')).toBe(TS_DEFAULT);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(null)).toBeUndefined();
    expect(parseIfMatch('  ')).toBeUndefined();
  });

  it('derives the ETag from the exact text (a comment changes it)', () => {
    expect(etagOf('{}')).toMatch(/^[0-9a-f]{64}$/);
    expect(etagOf('{}')).toBe(etagOf('{}'));
    expect(etagOf('{} // x')).not.toBe(etagOf('{}'));
  });
});
