import type { NextRequest } from 'next/server';
import { netbird } from '@/lib/http/dialects/netbird';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { renderZtMetrics } from '@/lib/dialects/zerotier/metrics';
import { getDb } from '@/lib/db/client';
import { presentedToken } from '@/lib/http/credentials';
import { renderMetrics } from '@/lib/http/metrics';
import { reply, route } from '@/lib/http/route';
import { accountFigures } from '@/lib/domain/accounts/account-figures';
import { isOperator } from '@/lib/domain/users/people';
import { renderAccountMetrics } from '@/lib/http/account-metrics';
import { isMetricsToken } from '@/lib/domain/zerotier/identity';
import { installationFigures } from '@/lib/domain/zerotier/metrics';

const TEXT = { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' };

// Prometheus text of the whole process for installation operators; an account's owners and admins
// get their own account's figures instead (nothing of other accounts); other roles get 403.
const meshdeckMetrics = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor }) => {
  if (await isOperator(db, actor.email)) return reply(renderMetrics(), 200, TEXT);
  return reply(renderAccountMetrics(await accountFigures(db, actor.accountId)), 200, TEXT);
});

// With ZeroTier's metrics token (data/zerotier-metricstoken.secret), ZeroTier-style node metrics.
const zerotierMetrics = route({ dialect: zerotier, permission: 'public' }, async ({ db }) => reply(renderZtMetrics(await installationFigures(db)), 200, TEXT));

export async function GET(req: NextRequest, segment: { params: Promise<Record<string, string>> }) {
  // ZeroTier's metrics token may come as ?auth= (ZeroTier's style); API tokens may not (netbird dialect).
  const presented = presentedToken(req.headers, new URL(req.url), true);
  if (presented.kind === 'token' && (await isMetricsToken(await getDb(), presented.token))) return zerotierMetrics(req, segment);
  return meshdeckMetrics(req, segment);
}
