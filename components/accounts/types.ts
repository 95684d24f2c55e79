import type { toTenant } from '@/lib/dialects/meshdeck/tenants';

/** One account as GET /api/installation/accounts lists it. */
export type Tenant = ReturnType<typeof toTenant>;

/** What POST /api/installation/accounts answers: the account, its owner, and a show-once link. */
export type CreatedTenant = Tenant & { owner_id: string; owner_status: string; invite_url?: string; invite_expires_at?: string };

export interface Operator {
  email: string;
  since: string;
}

/** A quota field's text as the API's value: blank is no limit. */
export function quotaValue(text: string, what: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+$/.test(t) || Number(t) > 10_000_000) throw new Error(`${what}: enter a whole number from 0 to 10000000, or leave it blank for no limit.`);
  return Number(t);
}
