// What the command palette lists: the console's pages and common actions (found here, in the
// browser) and the server's search answer (GET /api/console/search), as one ordered list of items
// in titled groups. Pure functions, so the order and the filtering are unit-tested.
import type { ConsoleSearch } from '@/lib/dialects/console/search';
import { SECTIONS } from '../sections';

export type ItemKind = 'page' | 'action' | 'peer' | 'group' | 'user' | 'policy' | 'setup-key';

export interface PaletteItem {
  /** Unique within the list (also the option's DOM id suffix). */
  key: string;
  kind: ItemKind;
  label: string;
  /** A second, muted line: an address, an email, a state. */
  detail?: string;
  /** Where Enter goes; absent for actions that run in the palette. */
  href?: string;
  /** An action the palette itself runs (approve a peer, list shortcuts). */
  command?: 'approve' | 'shortcuts';
  /** In the "Approve a peer…" list: the peer Enter approves. */
  approvePeerId?: string;
  /** Searched words besides the label (a page's lead, an action's synonyms). */
  keywords?: string;
}

export interface ItemGroup {
  title: string;
  items: PaletteItem[];
}

/** Pages of the console the signed-in person can open from the navigation. */
export function pageItems(operator: boolean): PaletteItem[] {
  return SECTIONS.filter((s) => operator || !('operators' in s && s.operators)).map((s) => ({
    key: `page:${s.slug || 'dashboard'}`,
    kind: 'page',
    label: s.title,
    href: s.slug ? `/app/${s.slug}` : '/app',
    keywords: 'heading' in s ? s.heading : undefined,
  }));
}

/**
 * Common actions. `?do=` asks the page to open its form (components/palette/usePaletteIntent.ts);
 * the simulator is the Access Control page's panel `#simulator`.
 */
export function actionItems(canEdit: boolean): PaletteItem[] {
  const edits: PaletteItem[] = [
    { key: 'action:new-setup-key', kind: 'action', label: 'New setup key', href: '/app/setup-keys?do=new-setup-key', keywords: 'create add key join register' },
    { key: 'action:new-policy', kind: 'action', label: 'New policy', href: '/app/policies?do=new-policy', keywords: 'create add rule access allow' },
    { key: 'action:approve', kind: 'action', label: 'Approve a peer…', command: 'approve', detail: 'Peers waiting for approval', keywords: 'pending waiting approval device' },
  ];
  return [
    ...(canEdit ? edits : []),
    { key: 'action:simulator', kind: 'action', label: 'Open the access simulator', href: '/app/acl#simulator', keywords: 'can reach check test access acl who' },
    { key: 'action:shortcuts', kind: 'action', label: 'Keyboard shortcuts', command: 'shortcuts', keywords: 'keys help ?' },
  ];
}

/** 0 = the label starts with the text, 1 = a word of it does, 2 = it contains it, 3 = only a keyword; null = no match. */
export function matchRank(item: PaletteItem, text: string): number | null {
  const q = text.trim().toLowerCase();
  if (!q) return 0;
  const label = item.label.toLowerCase();
  if (label.startsWith(q)) return 0;
  if (label.split(/[\s\-_.]+/).some((w) => w.startsWith(q))) return 1;
  if (label.includes(q)) return 2;
  if (item.keywords?.toLowerCase().split(/\s+/).some((w) => w.startsWith(q))) return 3;
  return null;
}

/** The items that match, best first (stable for equal ranks). */
export function filterItems(items: PaletteItem[], text: string): PaletteItem[] {
  return items
    .map((item, i) => ({ item, i, rank: matchRank(item, text) }))
    .filter((x) => x.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.i - b.i)
    .map((x) => x.item);
}

const KEY_STATE: Record<string, string> = { valid: 'valid', expired: 'expired', revoked: 'revoked', overused: 'used up' };

/** The server's answer as palette items, in the order the groups are shown. */
export function searchGroups(r: ConsoleSearch): ItemGroup[] {
  return [
    {
      title: 'Peers',
      items: r.peers.map((p) => ({
        key: `peer:${p.id}`,
        kind: 'peer' as const,
        label: p.name,
        detail: [p.ip, p.dns_label, p.connected ? 'online' : 'offline', p.approval_required ? 'waiting for approval' : ''].filter(Boolean).join(' · '),
        href: `/app/peers/${encodeURIComponent(p.id)}`,
      })),
    },
    { title: 'Groups', items: r.groups.map((g) => ({ key: `group:${g.id}`, kind: 'group' as const, label: g.name, href: '/app/groups' })) },
    {
      title: 'Users',
      items: r.users.map((u) => ({ key: `user:${u.id}`, kind: 'user' as const, label: u.name || u.email, detail: `${u.email} · ${u.is_service_user ? 'service user' : u.role}`, href: '/app/users' })),
    },
    {
      title: 'Policies',
      items: r.policies.map((p) => ({ key: `policy:${p.id}`, kind: 'policy' as const, label: p.name, detail: p.enabled ? undefined : 'disabled', href: '/app/policies' })),
    },
    {
      title: 'Setup keys',
      items: r.setup_keys.map((k) => ({ key: `setup-key:${k.id}`, kind: 'setup-key' as const, label: k.name, detail: KEY_STATE[k.state] ?? k.state, href: '/app/setup-keys' })),
    },
  ];
}

/**
 * The whole list for a text: pages and actions that match, then what the server found. With
 * a typed address or name the server's best hit comes first, so that Enter opens it; with a word
 * that names a page ("peers", "dns") the page comes first.
 */
export function paletteGroups(text: string, local: { pages: PaletteItem[]; actions: PaletteItem[] }, found: ConsoleSearch | null): ItemGroup[] {
  const pages = filterItems(local.pages, text);
  const actions = filterItems(local.actions, text);
  const remote = found ? searchGroups(found) : [];
  const localFirst = pages.some((p) => matchRank(p, text) === 0) || actions.some((a) => matchRank(a, text) === 0);
  const mine = [
    { title: 'Pages', items: pages },
    { title: 'Actions', items: actions },
  ];
  const groups = localFirst || !text.trim() ? [...mine, ...remote] : [...remote, ...mine];
  return groups.filter((g) => g.items.length > 0);
}
