// The console's sections, in navigation order: the name in the navigation, the page's heading where
// it differs, and the lead under the heading (`components/ConsolePage.tsx` shows both).
export interface Section {
  slug: string;
  /** The name in the navigation. */
  title: string;
  /** The page's heading, where it is not the navigation's name. */
  heading?: string;
  /** What the section is for: the page's lead, unless the page words its own. */
  lead: string;
  /** Shown in the navigation to installation operators only (the page itself says so to others). */
  operators?: boolean;
}

export const SECTIONS = [
  { slug: '', title: 'Dashboard', lead: 'Your account at a glance.' },
  { slug: 'peers', title: 'Peers', lead: 'Sort by a column heading, filter above the table, and select rows to act on several peers at once.' },
  { slug: 'groups', title: 'Groups', lead: 'Groups of peers that policies, routes, setup keys and DNS refer to. A group in use cannot be deleted.' },
  {
    slug: 'acl',
    title: 'Access Control',
    lead: 'The tailnet policy document (HuJSON, Tailscale’s policy file). It is checked as you type against your real users and peers; together with the NetBird policies it decides who reaches whom.',
  },
  { slug: 'policies', title: 'Policies', lead: 'NetBird access policies: which groups of peers may connect to which, over which protocol and ports. Nothing is allowed unless a policy says so.' },
  {
    slug: 'posture-checks',
    title: 'Posture Checks',
    heading: 'Posture checks',
    lead: 'Conditions a peer must meet before a policy that requires the check lets it connect. A check that a policy uses cannot be deleted.',
  },
  { slug: 'setup-keys', title: 'Setup Keys', heading: 'Setup keys', lead: 'Keys let new peers join the network. A key is shown once, when it is created; meshdeck keeps only its hash.' },
  { slug: 'routes', title: 'Routes', lead: 'Network routes: a range or a set of domains that routing peers make reachable to the peers of the distribution groups.' },
  {
    slug: 'networks',
    title: 'Networks',
    lead: 'Networks group the resources (hosts, subnets, domains) that routing peers make reachable. Open a network to manage its resources and routers.',
  },
  { slug: 'dns', title: 'DNS', lead: 'Which nameservers your peers use, for which domains, and how they find each other by name.' },
  { slug: 'users', title: 'Users', lead: 'People sign in to the console; service users exist only to hold API tokens. Blocking a user also cuts their peers off.' },
  { slug: 'tokens', title: 'API Tokens', heading: 'API tokens', lead: 'Personal access tokens for the NetBird, Tailscale and ZeroTier APIs.' },
  { slug: 'traffic', title: 'Traffic', lead: 'Flows reported by peers: bytes over time, protocols and top talkers, then the events themselves. Times are in UTC.' },
  { slug: 'audit', title: 'Audit', heading: 'Audit log', lead: 'Every change made through any API or this console, newest first. Times are UTC.' },
  { slug: 'zerotier', title: 'ZeroTier', lead: "Networks of meshdeck's ZeroTier controller and their members. A member is a peer of this account." },
  { slug: 'ziti', title: 'Ziti', lead: 'OpenZiti identities, services and sessions.' },
  { slug: 'settings', title: 'Settings', lead: "How peers join and expire, who must be approved, and the account's network range and DNS domain." },
  {
    slug: 'accounts',
    title: 'Accounts',
    lead: "Every account of this installation, for its operators: create one with its first owner, rename, suspend, set quotas, delete. An account's data stays its own; operators see only these counts.",
    operators: true,
  },
] as const satisfies readonly Section[];

export type SectionSlug = (typeof SECTIONS)[number]['slug'];

export function sectionBySlug(slug: SectionSlug): Section {
  return SECTIONS.find((s) => s.slug === slug)!;
}
