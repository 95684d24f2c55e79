import { netbird } from '@/lib/dialects/netbird/dialect';
import { renderMetrics } from '@/lib/http/metrics';
import { reply, route } from '@/lib/http/route';

// Prometheus text exposition. Needs an API token (any style) of an owner, admin or auditor.
export const GET = route({ dialect: netbird, permission: 'audit' }, async () =>
  reply(renderMetrics(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' }),
);
