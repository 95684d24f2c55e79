// Listing traffic flow records with NetBird's filters (GET /api/events/network-traffic), newest
// window first, paged. Every filter is an indexed or simple column condition; `search` matches the
// searchText column (user email, endpoint names and addresses) case-insensitively and literally.
import type { Tx } from '../../db/client';
import type { Prisma, TrafficEvent } from '../../db/models';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { parseTimestamp } from '../timestamps';
import { CONNECTION_TYPES, DIRECTIONS, SUB_EVENT_TYPES } from './ingest';
import { searchKey } from './search';
import { pageWindow, parsePage } from '../paging';

export const DEFAULT_PAGE_SIZE = 1000;
/** NetBird's documented maximum; larger requests are capped to it. */
export const MAX_PAGE_SIZE = 50_000;

export interface TrafficFilter {
  page?: number;
  pageSize?: number;
  userId?: string;
  reporterId?: string;
  sourceId?: string;
  destinationId?: string;
  protocol?: number;
  type?: string;
  connectionType?: string;
  direction?: string;
  search?: string;
  startDate?: string;
  endDate?: string;
}

export interface TrafficPage {
  rows: TrafficEvent[];
  page: number;
  pageSize: number;
  total: number;
}

function oneOf(name: string, v: string | undefined, allowed: readonly string[]): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (!allowed.includes(v)) throw new ValidationError(`${name} must be one of ${allowed.join(', ')}`);
  return v;
}

function date(name: string, v: string | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const d = parseTimestamp(v);
  if (!d) throw new ValidationError(`${name} must be an ISO 8601 date-time such as 2024-01-31T23:59:59Z`);
  return d;
}

/** Checks the filter values and builds the query condition. */
export function trafficWhere(actor: Actor, f: TrafficFilter): Prisma.TrafficEventWhereInput {
  if (f.protocol !== undefined && (f.protocol < 0 || f.protocol > 255)) throw new ValidationError('protocol must be between 0 and 255');
  const type = oneOf('type', f.type, SUB_EVENT_TYPES);
  const connectionType = oneOf('connection_type', f.connectionType, CONNECTION_TYPES);
  const direction = oneOf('direction', f.direction, DIRECTIONS);
  const start = date('start_date', f.startDate);
  const end = date('end_date', f.endDate);
  if (start && end && start > end) throw new ValidationError('start_date is after end_date');
  const search = f.search?.trim() ? searchKey(f.search.trim()) : undefined;
  const where: Prisma.TrafficEventWhereInput = { accountId: actor.accountId };
  if (f.userId) where.userId = f.userId;
  if (f.reporterId) where.reporterId = f.reporterId;
  if (f.sourceId) where.srcId = f.sourceId;
  if (f.destinationId) where.dstId = f.destinationId;
  if (f.protocol !== undefined) where.protocol = f.protocol;
  if (connectionType) where.connectionType = connectionType;
  if (direction) where.direction = direction;
  if (start || end) where.windowStart = { ...(start ? { gte: start } : {}), ...(end ? { lte: end } : {}) };
  const and: Prisma.TrafficEventWhereInput[] = [];
  if (type) and.push({ eventTypes: { contains: `,${type},` } });
  if (search) and.push({ searchText: { contains: search } });
  if (and.length) where.AND = and;
  return where;
}

export async function listTrafficEvents(db: Tx, actor: Actor, f: TrafficFilter): Promise<TrafficPage> {
  const page = parsePage(f.page);
  const requested = f.pageSize ?? DEFAULT_PAGE_SIZE;
  if (requested < 1) throw new ValidationError('page_size must be 1 or more');
  const pageSize = Math.min(requested, MAX_PAGE_SIZE);
  const where = trafficWhere(actor, f);
  const window = pageWindow(page, pageSize);
  const [total, rows] = await Promise.all([
    db.trafficEvent.count({ where }),
    window ? db.trafficEvent.findMany({ where, orderBy: [{ windowStart: 'desc' }, { id: 'desc' }], ...window }) : [],
  ]);
  return { rows, page, pageSize, total };
}
