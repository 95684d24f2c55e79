import { dashboard } from '@/lib/domain/dashboard/summary';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

// The dashboard's numbers for the signed-in account (docs/console.md, "Dashboard").
export const GET = route({ dialect: netbird }, async ({ db, actor }) => dashboard(db, actor));
