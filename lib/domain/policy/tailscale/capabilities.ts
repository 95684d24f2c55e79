// Application capability names in a grant's "app" map (Tailscale's "Application capabilities" doc):
// a name has the form {domain}/{path} without a URL scheme, and the tailscale.com domain is Tailscale's
// own (and tailscale.io) — only the capabilities Tailscale documents as grantable by a policy may be
// named there (Taildrive, peer relays, the web interface, the Kubernetes operator, tsidp, setec
// secrets, TailSQL, golink). The companions the control plane adds itself (drive-sharer,
// relay-target) may not be written.
import { PolicyError } from './syntax';

const GRANTABLE_TAILSCALE_CAPS = new Set([
  'tailscale.com/cap/drive',
  'tailscale.com/cap/relay',
  'tailscale.com/cap/webui',
  'tailscale.com/cap/kubernetes',
  'tailscale.com/cap/tsidp',
  'tailscale.com/cap/secrets',
  'tailscale.com/cap/tailsql',
  'tailscale.com/cap/golink',
]);

/** Domains Tailscale reserves for its own products ("tailscale.com and tailscale.io", grants syntax). */
const RESERVED_DOMAINS = new Set(['tailscale.com', 'tailscale.io']);

/**
 * Destinations an app grant may not name (app capabilities doc, "Requirements and limitations"):
 * the internet, sharees and the admin role autogroups (autogroup:danger-all is no destination at
 * all, with its own message).
 */
const NOT_APP_DESTINATIONS = new Set(['internet', 'shared', 'admin', 'owner', 'it-admin', 'network-admin', 'billing-admin', 'auditor']);

export function appDestinationProblem(autogroup: string): string | undefined {
  return NOT_APP_DESTINATIONS.has(autogroup) ? `cannot use app grants with autogroup:${autogroup}` : undefined;
}

export function checkCapabilityName(name: string, strict = true) {
  const slash = name.indexOf('/');
  if (name.includes('://') || slash <= 0 || slash === name.length - 1) throw new PolicyError('capability name must have the form {domain}/{path}');
  const domain = name.slice(0, slash).toLowerCase();
  if (strict && RESERVED_DOMAINS.has(domain) && !GRANTABLE_TAILSCALE_CAPS.has(name)) throw new PolicyError(`capability name must not be in the ${domain} domain`);
}

export function checkCapabilityNames(app: Record<string, unknown> | undefined, strict = true) {
  for (const name of Object.keys(app ?? {})) checkCapabilityName(name, strict);
}
