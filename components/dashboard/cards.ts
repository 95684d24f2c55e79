// The dashboard's cards: each number with the page that lists exactly those things (the filters
// those pages read from their URL). Kept apart from the view so the e2e test and the docs agree
// with one list.
import type { ConsoleDashboard } from '@/lib/dialects/console/dashboard';

export interface Card {
  id: string;
  label: string;
  value: number | null;
  href: string;
  /** A number that asks for attention when above zero. */
  warn?: boolean;
  note?: string;
}

export function dashboardCards(d: ConsoleDashboard): Card[] {
  const p = d.peers;
  const cards: Card[] = [
    { id: 'peers', label: 'Peers', value: p.total, href: '/app/peers' },
    { id: 'online', label: 'Online now', value: p.online, href: '/app/peers?connected=true' },
    { id: 'offline', label: 'Offline for over 24 h', value: p.offline24h, href: '/app/peers?connected=false&seen=stale24h', warn: true },
    { id: 'pending', label: 'Waiting for approval', value: p.pendingApproval, href: '/app/peers?approval=pending', warn: true },
    { id: 'login-expiring', label: 'Logins expiring within 7 days', value: p.loginExpiringSoon, href: '/app/peers?loginExpiration=soon', warn: true },
    {
      id: 'outdated',
      label: 'Agents older than the newest',
      value: p.outdatedAgents,
      href: '/app/peers?outdated=true',
      warn: true,
      note: p.newestVersion ? `newest seen: ${p.newestVersion}` : undefined,
    },
    { id: 'posture', label: 'Failing a posture check', value: p.failingPosture, href: '/app/peers?posture=failing', warn: true, note: p.failingPosture === null ? 'checking…' : d.settling ? 'rechecking after a change…' : undefined },
  ];
  if (d.setupKeysExpiringSoon !== null) cards.push({ id: 'keys-expiring', label: 'Setup keys expiring within 7 days', value: d.setupKeysExpiringSoon, href: '/app/setup-keys?expiring=7d', warn: true });
  cards.push({ id: 'tokens-expiring', label: 'Your API tokens expiring within 7 days', value: d.tokensExpiringSoon, href: '/app/tokens?expiring=7d', warn: true });
  return cards;
}
