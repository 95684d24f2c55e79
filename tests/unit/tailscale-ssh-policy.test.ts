// The SSH policy each node receives from the document's "ssh" section (Tailscale's SSHPolicy shape).
import { describe, expect, it } from 'vitest';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '@/lib/domain/policy/tailscale/compile';
import { sshPolicyFor } from '@/lib/domain/policy/tailscale/ssh-policy';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

const topology: Topology = {
  users: [
    { id: 1, name: 'alice', email: 'alice@example.com', role: 'owner' },
    { id: 2, name: 'bob', email: 'bob@example.com', role: 'member' },
  ],
  nodes: [
    { name: 'alice-laptop', tags: [], ipv4: '100.64.0.1', ipv6: 'fd7a:115c:a1e0::1', user: 'alice@example.com', approvedRoutes: [] },
    { name: 'alice-desktop', tags: [], ipv4: '100.64.0.2', user: 'alice@example.com', approvedRoutes: [] },
    { name: 'bob-laptop', tags: [], ipv4: '100.64.0.3', user: 'bob@example.com', approvedRoutes: [] },
    { name: 'server', tags: ['tag:server'], ipv4: '100.64.0.4', approvedRoutes: [] },
  ],
};

function policyFor(ssh: object[]): (node: string) => ReturnType<typeof sshPolicyFor> {
  const c = compileTailscalePolicy({ tagOwners: { 'tag:server': ['autogroup:admin'] }, ssh }, topology);
  if (isCompileError(c)) throw new Error(c.error);
  return (node) => sshPolicyFor(c as CompiledTailscalePolicy, (c as CompiledTailscalePolicy).ssh, c.net.byName(node)!);
}

const ACCEPT = { accept: true, allowAgentForwarding: true, allowLocalPortForwarding: true, allowRemotePortForwarding: true };

describe('SSH policy per node', () => {
  it('targets the destination only, with every source address as a principal', () => {
    const ssh = policyFor([{ action: 'accept', src: ['autogroup:member'], dst: ['tag:server'], users: ['root', 'autogroup:nonroot'] }]);
    expect(ssh('server')).toEqual({
      rules: [
        {
          principals: [{ nodeIP: '100.64.0.1' }, { nodeIP: 'fd7a:115c:a1e0::1' }, { nodeIP: '100.64.0.2' }, { nodeIP: '100.64.0.3' }],
          sshUsers: { root: 'root', '*': '=' },
          action: ACCEPT,
        },
      ],
    });
    expect(ssh('alice-laptop')).toEqual({ rules: [] });
  });

  it('autogroup:self: only the same user\'s devices; nonroot refuses root; check fails closed', () => {
    const ssh = policyFor([{ action: 'check', src: ['autogroup:member'], dst: ['autogroup:self'], users: ['autogroup:nonroot'] }]);
    const rules = ssh('alice-desktop').rules;
    expect(rules).toHaveLength(1);
    expect(rules[0].principals).toEqual([{ nodeIP: '100.64.0.1' }, { nodeIP: 'fd7a:115c:a1e0::1' }, { nodeIP: '100.64.0.2' }]);
    expect(rules[0].sshUsers).toEqual({ '*': '=', root: '' });
    expect(rules[0].action.reject).toBe(true);
    expect(rules[0].action.accept).toBeUndefined();
    expect(ssh('server')).toEqual({ rules: [] });
  });

  it('localpart:*@domain lets each source user log in as their own local part', () => {
    const ssh = policyFor([{ action: 'accept', src: ['autogroup:member'], dst: ['tag:server'], users: ['localpart:*@example.com'] }]);
    expect(ssh('server').rules).toEqual([
      { principals: [{ nodeIP: '100.64.0.1' }, { nodeIP: 'fd7a:115c:a1e0::1' }, { nodeIP: '100.64.0.2' }], sshUsers: { alice: 'alice' }, action: ACCEPT },
      { principals: [{ nodeIP: '100.64.0.3' }], sshUsers: { bob: 'bob' }, action: ACCEPT },
    ]);
  });
});
