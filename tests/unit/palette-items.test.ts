// The command palette's list (components/palette/items.ts): which pages and actions a person is
// offered, how typed text ranks them, and where the server's hits go (first for a typed address
// or name, after the pages when the text names a page).
import { describe, expect, it } from 'vitest';
import { actionItems, filterItems, pageItems, paletteGroups } from '@/components/palette/items';
import type { ConsoleSearch } from '@/lib/dialects/console/search';

const none: ConsoleSearch = { peers: [], groups: [], users: [], policies: [], setup_keys: [] };
const withPeer: ConsoleSearch = {
  ...none,
  peers: [{ id: 'p1', name: 'web-1', ip: '100.64.0.9', dns_label: 'web-1', connected: true, approval_required: true, match: 'exact' }],
};
const labels = (groups: ReturnType<typeof paletteGroups>) => groups.map((g) => `${g.title}: ${g.items.map((i) => i.label).join(', ')}`);

describe('palette items', () => {
  it('offers operators their Accounts page and editors the actions that change things', () => {
    expect(pageItems(false).map((p) => p.label)).not.toContain('Accounts');
    expect(pageItems(true).map((p) => p.label)).toContain('Accounts');
    expect(pageItems(false)[0]).toMatchObject({ label: 'Dashboard', href: '/app' });
    expect(actionItems(false).map((a) => a.label)).toEqual(['Open the access simulator', 'Keyboard shortcuts']);
    expect(actionItems(true).map((a) => a.href ?? a.command)).toEqual(['/app/setup-keys?do=new-setup-key', '/app/policies?do=new-policy', 'approve', '/app/acl#simulator', 'shortcuts']);
  });

  it('ranks a label that starts with the text before a word of it, a substring and a keyword', () => {
    const pages = pageItems(false);
    expect(filterItems(pages, 'set').map((p) => p.label)).toEqual(['Setup Keys', 'Settings']);
    expect(filterItems(pages, 'keys').map((p) => p.label)).toEqual(['Setup Keys']);
    expect(filterItems(pages, 'log').map((p) => p.label)).toEqual(['Audit']);
    expect(filterItems(actionItems(true), 'pending').map((a) => a.label)).toEqual(['Approve a peer…']);
    expect(filterItems(pages, 'zzz')).toEqual([]);
    expect(filterItems(pages, '  ')).toHaveLength(pages.length);
  });

  it("puts the server's hits first for an address, after the pages for a page's name", () => {
    const local = { pages: pageItems(false), actions: actionItems(true) };
    const byIp = paletteGroups('100.64.0.9', local, withPeer);
    expect(labels(byIp)).toEqual(['Peers: web-1']);
    expect(byIp[0].items[0]).toMatchObject({ href: '/app/peers/p1', detail: '100.64.0.9 · web-1 · online · waiting for approval' });
    expect(labels(paletteGroups('peers', local, withPeer))).toEqual(['Pages: Peers', 'Peers: web-1']);
    expect(labels(paletteGroups('', local, null))[0]).toMatch(/^Pages: Dashboard, Peers, Groups/);
  });
});
