import { netbird } from '@/lib/http/dialects/netbird';
import { NETBIRD_ACTIVITY_CODES, toNetbirdEvent } from '@/lib/dialects/netbird/events';
import { listAuditEvents } from '@/lib/domain/events';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listAuditEvents(db, actor, { codes: NETBIRD_ACTIVITY_CODES })).map(toNetbirdEvent),
);
