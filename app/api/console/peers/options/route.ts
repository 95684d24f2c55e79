import { netbird } from '@/lib/http/dialects/netbird';
import { peerFilterOptions } from '@/lib/domain/peers/table-query';
import { route } from '@/lib/http/route';

// Group and user names for the peer table's filters and bulk bar. NetBird's GET /api/groups lists
// every member of every group, which is megabytes at 100,000 peers.
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => peerFilterOptions(db, actor));
