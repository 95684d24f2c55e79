// "user:*@<domain>" (and SSH's "localpart:*@<domain>") may only name the tailnet's own login domain.
// Tailscale refuses the domains of public mail and identity providers with its own sentence, since
// their users are not one organisation ("[ssh] x.github is a shared domain and cannot be used in
// user:*@<domain> expressions", tailscale/tailscale#12078), and any other foreign domain as "not
// associated with this Tailnet". Patterns whose domain part is not a DNS domain — none at all ("*@"),
// or an identity provider's pseudo-domain without a dot ("*@passkey", "*@github") — are accepted and
// name the users whose login ends that way.
import { PolicyError, type Alias } from './syntax';

/** Login domains shared by unrelated people: public mail providers and identity providers. */
const SHARED_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com',
  'yahoo.com', 'aol.com', 'proton.me', 'protonmail.com',
]);

export function isSharedDomain(domain: string): boolean {
  return SHARED_DOMAINS.has(domain.toLowerCase()) || domain.toLowerCase().endsWith('.github');
}

/** The refusal for a "*@<domain>" pattern, or undefined when the tailnet may use it. */
export function userDomainError(domain: string, tailnetDomain: string | undefined): string | undefined {
  if (domain === tailnetDomain || /^[A-Za-z0-9-]*$/.test(domain)) return undefined;
  if (isSharedDomain(domain)) return `${domain} is a shared domain and cannot be used in user:*@<domain> expressions`;
  return `${domain} is not associated with this Tailnet and cannot be used in user:*@<domain> expressions`;
}

/** Throws for a "user:*@<domain>" alias naming a domain the tailnet does not own. */
export function checkUserDomain(alias: Alias, tailnetDomain: string | undefined, prefix = '') {
  if (alias.kind !== 'user') return;
  const m = /^(?:user:)?\*@(.*)$/.exec(alias.text);
  if (!m) return;
  const problem = userDomainError(m[1], tailnetDomain);
  if (problem) throw new PolicyError(prefix + problem);
}
