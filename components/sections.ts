// The console's sections, in navigation order. `ready` marks those built so far; the others say so.
export interface Section {
  slug: string;
  title: string;
  ready: boolean;
  about: string;
}

export const SECTIONS: Section[] = [
  { slug: '', title: 'Dashboard', ready: true, about: 'Counts for your account at a glance.' },
  { slug: 'peers', title: 'Peers', ready: true, about: 'Every device in the mesh, with its addresses, groups, status and access.' },
  { slug: 'groups', title: 'Groups', ready: true, about: 'Groups of peers that policies and routes refer to.' },
  { slug: 'acl', title: 'Access Control', ready: true, about: 'The HuJSON policy document, with live validation, preview, tests and history.' },
  { slug: 'policies', title: 'Policies', ready: true, about: 'NetBird access policies: rules from source groups to destination groups.' },
  { slug: 'posture-checks', title: 'Posture Checks', ready: true, about: 'Conditions peers must meet: versions, location, network range, processes.' },
  { slug: 'setup-keys', title: 'Setup Keys', ready: true, about: 'Keys that let new peers join, with usage limits and expiry.' },
  { slug: 'routes', title: 'Routes', ready: true, about: 'Network routes announced by routing peers.' },
  { slug: 'networks', title: 'Networks', ready: true, about: 'Networks, their resources and routers.' },
  { slug: 'dns', title: 'DNS', ready: true, about: 'Nameserver groups, MagicDNS and search paths.' },
  { slug: 'users', title: 'Users', ready: true, about: 'People and service users, their roles and status.' },
  { slug: 'tokens', title: 'API Tokens', ready: true, about: 'Personal access tokens for the NetBird, Tailscale and ZeroTier APIs.' },
  { slug: 'traffic', title: 'Traffic', ready: true, about: 'Traffic events reported by peers, as charts and a table.' },
  { slug: 'audit', title: 'Audit', ready: true, about: 'Every change made through any API or this console.' },
  { slug: 'zerotier', title: 'ZeroTier', ready: true, about: 'ZeroTier controller networks and their members.' },
  { slug: 'ziti', title: 'Ziti', ready: true, about: 'OpenZiti identities, services and sessions.' },
  { slug: 'settings', title: 'Settings', ready: true, about: 'Account settings: network range, DNS domain, login expiration.' },
];

export function sectionBySlug(slug: string): Section | undefined {
  return SECTIONS.find((s) => s.slug === slug);
}
