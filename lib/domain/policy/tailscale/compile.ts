// compileTailscalePolicy: a Tailscale policy document + the tailnet → Tailscale's rejection message,
// or the intermediate rules (and what the map builder needs to render them Tailscale's way).
import type { Rule } from '../ir';
import { readDeclarations, type Declarations, type PolicyDoc } from './document';
import { compileAcls, compileGrants } from './rules';
import { Resolver } from './selectors';
import { PolicyError } from './syntax';
import { runPolicyTests } from './tests';
import { Tailnet, type Topology } from './topology';
import { ALL_PORTS } from './syntax';
import { emptySelector } from '../ir';
import { compileSsh, runSshTests } from './ssh';
import type { CompiledTailscalePolicy } from './compiled';
export type { CompiledTailscalePolicy } from './compiled';
import { checkNodeAttrs } from './nodeattrs';

export type CompileResult = { error: string } | CompiledTailscalePolicy;

/**
 * 'save': every rule of the policy file, and the document's tests, as Tailscale checks a new
 * version. 'enforce': the document already saved, compiled for the network maps — its tests are not
 * run again, and rules of the syntax reference that meshdeck enforced only later (`decl.strict`:
 * SSH source/destination kinds, checkPeriod and acceptEnv details, tag-name characters, host names,
 * reserved capability names, nodeAttrs autogroups) do not switch off a document saved before them.
 */
export type CompilePurpose = 'save' | 'enforce';

/**
 * `previous`: the same account's last compiled policy; the views of nodes that did not change are
 * reused, so a one-node change does not re-parse the whole tailnet. `purpose`: see CompilePurpose.
 */
export function compileTailscalePolicy(policy: object, topology: Topology, previous?: CompiledTailscalePolicy, purpose: CompilePurpose = 'save'): CompileResult {
  const doc = policy as PolicyDoc;
  try {
    const net = new Tailnet(topology, previous?.net);
    const decl = readDeclarations(doc, purpose === 'save');
    const resolver = new Resolver(net, decl);
    let rules = [...compileAcls(doc.acls, decl, resolver), ...compileGrants(doc.grants, decl, resolver)];
    // A document without acls and grants allows everything, as a fresh tailnet does.
    if ((doc.acls === undefined || doc.acls === null) && (doc.grants === undefined || doc.grants === null)) rules = [allowAll()];
    const ssh = compileSsh(doc.ssh, decl, resolver);
    checkNodeAttrs(doc.nodeAttrs, decl);
    const compiled: CompiledTailscalePolicy = { rules, net, decl, resolver, doc, ssh };
    // Tests guard a save, as in Tailscale: a device that joins later never switches a saved document off.
    if (purpose === 'enforce') return compiled;
    if (!runPolicyTests(compiled)) return { error: 'test(s) failed' };
    if (!runSshTests(compiled, ssh)) return { error: 'test(s) failed' };
    return compiled;
  } catch (e) {
    if (e instanceof PolicyError) return { error: e.message };
    throw e;
  }
}

function allowAll(): Rule {
  const all = { ...emptySelector(), all: true };
  return { id: 'acl:default', origin: { kind: 'acl', index: -1 }, action: 'accept', src: all, dst: { ...all }, protocols: [], ports: [ALL_PORTS], bidirectional: false };
}

export function isCompileError(r: CompileResult): r is { error: string } {
  return 'error' in r;
}
