// Who may put a tag on a device: Tailscale's tagOwners, read from the account's stored access-policy
// document (Tailscale's default when none was saved, which defines no tags). See docs/tailscale.md.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { DEFAULT_ACL_TEXT } from './default-policy';
import { parsePolicyText } from './policy-text';
import { ValidationError } from '../errors';
import { readDeclarations, type Declarations } from '../policy/tailscale/document';
import { PolicyError } from '../policy/tailscale/syntax';
import { tailnetRole } from './topology';

/** autogroup:<role> owners, by tailnet role (meshdeck's roles mapped as in acl-topology.ts). */
const ROLE_OWNERS: Record<string, string[]> = { owner: ['owner'], admin: ['owner', 'admin'], auditor: ['auditor'], member: ['owner', 'admin', 'member', 'auditor'] };

function owns(actor: Actor, owners: string[], decl: Declarations): boolean {
  // Tailscale lets tailnet owners and admins apply any tag the policy defines.
  if (actor.role === 'owner' || actor.role === 'admin') return true;
  const email = actor.email.toLowerCase();
  const role = tailnetRole(actor.role);
  return owners.some((o) => {
    if (o.startsWith('autogroup:')) return ROLE_OWNERS[o.slice(10)]?.includes(role) ?? false;
    if (o.startsWith('group:')) return (decl.groups.get(o) ?? []).some((m) => m.toLowerCase() === email);
    // A tag owning a tag lets devices with it tag others; it gives a person nothing.
    if (o.startsWith('tag:')) return false;
    return o.toLowerCase() === email || o.toLowerCase() === `${email.split('@')[0]}@`;
  });
}

/** Refuses tags the document does not define or the caller does not own, with Tailscale's message. */
export async function checkTagOwners(db: Tx, actor: Actor, tags: string[]): Promise<void> {
  if (!tags.length) return;
  const doc = await db.aclDocument.findUnique({ where: { accountId: actor.accountId }, select: { text: true } });
  let decl: Declarations;
  try {
    decl = readDeclarations(parsePolicyText(doc?.text ?? DEFAULT_ACL_TEXT), false);
  } catch (e) {
    if (e instanceof PolicyError) throw new ValidationError(`the access-policy document cannot be read: ${e.message}`);
    throw e;
  }
  const refused = tags.filter((t) => !decl.tagOwners.has(t) || !owns(actor, decl.tagOwners.get(t)!, decl));
  // Go's %v of a []string: "[tag:a tag:b]".
  if (refused.length) throw new ValidationError(`requested tags [${refused.join(' ')}] are invalid or not permitted`);
}
