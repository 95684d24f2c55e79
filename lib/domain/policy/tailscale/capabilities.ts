// Application capability names in a grant's "app" map (Tailscale's "Application capabilities" doc):
// a name has the form {domain}/{path} without a URL scheme, and the tailscale.com domain is Tailscale's
// own — only the capabilities Tailscale documents as grantable by a policy may be named there
// (Taildrive, peer relays, the web interface, the Kubernetes operator, tsidp, setec secrets). The
// companions the control plane adds itself (drive-sharer, relay-target) may not be written.
import { PolicyError } from './syntax';

const GRANTABLE_TAILSCALE_CAPS = new Set([
  'tailscale.com/cap/drive',
  'tailscale.com/cap/relay',
  'tailscale.com/cap/webui',
  'tailscale.com/cap/kubernetes',
  'tailscale.com/cap/tsidp',
  'tailscale.com/cap/secrets',
]);

export function checkCapabilityName(name: string, strict = true) {
  const slash = name.indexOf('/');
  if (name.includes('://') || slash <= 0 || slash === name.length - 1) throw new PolicyError('capability name must have the form {domain}/{path}');
  const domain = name.slice(0, slash).toLowerCase();
  if (strict && domain === 'tailscale.com' && !GRANTABLE_TAILSCALE_CAPS.has(name)) throw new PolicyError('capability name must not be in the tailscale.com domain');
}

export function checkCapabilityNames(app: Record<string, unknown> | undefined, strict = true) {
  for (const name of Object.keys(app ?? {})) checkCapabilityName(name, strict);
}
