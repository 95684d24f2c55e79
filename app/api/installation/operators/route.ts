import { netbird } from '@/lib/http/dialects/netbird';
import { operatorGrant } from '@/lib/dialects/meshdeck/tenants';
import { listOperators, setOperator } from '@/lib/domain/accounts/tenants';
import { reply, route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'read' }, async ({ db, actor }) =>
  (await listOperators(db, actor)).map((o) => ({ email: o.email, since: o.createdAt.toISOString() })),
);

export const POST = route({ dialect: netbird, permission: 'read', body: operatorGrant }, async ({ db, actor, body }) => reply(await setOperator(db, actor, body.email, true), 201));
