import { consoleSearchQuery, toConsoleSearch } from '@/lib/dialects/console/search';
import { consoleSearch } from '@/lib/domain/search/console-search';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

// The command palette's server-side search: a few peers, groups, users, policies and setup keys of
// the caller's account. Any role may ask; the domain narrows what a regular user finds.
export const GET = route({ dialect: netbird, query: consoleSearchQuery }, async ({ db, actor, query }) =>
  toConsoleSearch(await consoleSearch(db, actor, query.q, query.limit)),
);
