// What a compiled Tailscale policy holds, as a type of its own: the compiler (compile.ts) makes it and
// the SSH rules, policy tests, grants and network maps read it, so none of them imports the compiler.
import type { Rule } from '../ir';
import type { Declarations, PolicyDoc } from './document';
import type { Resolver } from './selectors';
import type { Alias } from './syntax';
import type { Tailnet } from './topology';

export interface SshRule {
  action: 'accept' | 'check';
  src: Alias[];
  dst: Alias[];
  users: string[];
}

export interface CompiledTailscalePolicy {
  rules: Rule[];
  net: Tailnet;
  decl: Declarations;
  resolver: Resolver;
  doc: PolicyDoc;
  ssh: SshRule[];
}
