import { netbird } from '@/lib/dialects/netbird/dialect';
import { peerFilterOptions } from '@/lib/domain/peer-query';
import { route } from '@/lib/http/route';

// Group and user names for the peer table's filters and bulk bar. NetBird's GET /api/groups lists
// every member of every group, which is megabytes at 100,000 peers.
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => peerFilterOptions(db, actor));
