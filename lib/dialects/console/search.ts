// Wire shape of the console's GET /api/console/search (the command palette's server-side half):
// the query and the answer, snake_case like the NetBird-shaped rest of the console's API.
import { z } from 'zod';
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT, type SearchResults } from '../../domain/search/console-search';

export const consoleSearchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
});

export function toConsoleSearch(r: SearchResults) {
  return {
    peers: r.peers.map((p) => ({ id: p.id, name: p.name, ip: p.ip, dns_label: p.dnsLabel, connected: p.connected, approval_required: p.approvalRequired, match: p.match })),
    groups: r.groups,
    users: r.users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, is_service_user: u.isServiceUser })),
    policies: r.policies,
    setup_keys: r.setupKeys,
  };
}

export type ConsoleSearch = ReturnType<typeof toConsoleSearch>;
