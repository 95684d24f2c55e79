// The console's audit log view: filters on activity, initiator and a UTC date range (database
// conditions on indexed or plain columns), plus a free-text search done here, literally and
// case-insensitively, over what those filters leave (at most AUDIT_LIST_LIMIT events, as every
// listing). Portable across SQLite and PostgreSQL, whose LIKE differ in case handling.
import type { Tx } from '../db/client';
import type { AuditEvent } from '../db/models';
import type { Actor } from './actor';
import { AUDIT_LIST_LIMIT } from './events';

export interface AuditFilter {
  activityCode?: string;
  initiatorId?: string;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  search?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(text: string | undefined, plusDays = 0): Date | undefined {
  if (!text || !DAY.test(text)) return undefined;
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + plusDays * 86_400_000);
}

/** The filter from query-string values; malformed dates and blanks are dropped. */
export function auditFilterFrom(params: Record<string, string | string[] | undefined>): AuditFilter {
  const one = (k: string) => {
    const v = params[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const from = one('from');
  const to = one('to');
  return { activityCode: one('activity'), initiatorId: one('initiator'), from: dayStart(from) ? from : undefined, to: dayStart(to) ? to : undefined, search: one('q') };
}

function matches(e: AuditEvent, needle: string): boolean {
  return [e.activity, e.activityCode, e.initiatorName, e.initiatorEmail, e.targetId, e.meta, e.source].some((f) => f.toLowerCase().includes(needle));
}

/** One page of the account's events matching `filter`, newest first, and whether more follow. */
export async function queryAuditEvents(db: Tx, actor: Actor, filter: AuditFilter, page: { skip: number; take: number }): Promise<{ events: AuditEvent[]; more: boolean }> {
  const gte = dayStart(filter.from);
  const lt = dayStart(filter.to, 1);
  const where = {
    accountId: actor.accountId,
    ...(filter.activityCode ? { activityCode: filter.activityCode } : {}),
    ...(filter.initiatorId ? { initiatorId: filter.initiatorId } : {}),
    ...(gte || lt ? { timestamp: { ...(gte ? { gte } : {}), ...(lt ? { lt } : {}) } } : {}),
  };
  const orderBy = [{ timestamp: 'desc' as const }, { id: 'desc' as const }];
  const needle = filter.search?.toLowerCase();
  if (!needle) {
    const rows = await db.auditEvent.findMany({ where, orderBy, skip: page.skip, take: page.take + 1 });
    return { events: rows.slice(0, page.take), more: rows.length > page.take };
  }
  const found = (await db.auditEvent.findMany({ where, orderBy, take: AUDIT_LIST_LIMIT })).filter((e) => matches(e, needle));
  return { events: found.slice(page.skip, page.skip + page.take), more: found.length > page.skip + page.take };
}

/** What the filter menus offer: the activities and initiators that occur in the account's log. */
export async function auditFilterChoices(db: Tx, actor: Actor) {
  const [activities, initiators] = await Promise.all([
    db.auditEvent.findMany({ where: { accountId: actor.accountId }, distinct: ['activityCode'], select: { activityCode: true, activity: true }, orderBy: { activityCode: 'asc' } }),
    db.auditEvent.findMany({ where: { accountId: actor.accountId }, distinct: ['initiatorId'], select: { initiatorId: true, initiatorName: true, initiatorEmail: true }, orderBy: { initiatorId: 'asc' } }),
  ]);
  return {
    activities: activities.map((a) => ({ code: a.activityCode, activity: a.activity })),
    initiators: initiators.map((i) => ({ id: i.initiatorId, label: i.initiatorEmail || i.initiatorName || i.initiatorId })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}
