// Hourly sums for the charts' `type` and `search` filters (TrafficSearchRollup): grouped by the
// TrafficRollup key and the searchable text, with the sums repeated per sub-event type (an event
// counts under every type it has a sub-event of). Pure functions:
// the bulk path (lib/db/bulk-traffic.ts) stores what searchRollUp() returns in the events'
// transaction, and lib/domain/traffic-summary.ts reads them for the `type` and `search` filters.
//
// The source address's port is left out (when TrafficEvent.srcPort holds it); why the sums stay
// exact, with the events of the ports portsMatching() names: see lib/domain/traffic-search.ts.
import { hash } from 'node:crypto';
import type { TrafficEvent, TrafficSearchRollup } from '../generated/sqlite/client';
import { searchText, sourceHost } from './traffic-search';
import { Groups, rollupKey, ROLLUP_MS } from './traffic-rollup';

export type SearchRollupRow = TrafficSearchRollup;
type EventFields = Pick<
  TrafficEvent,
  | 'accountId' | 'windowStart' | 'reporterId' | 'srcId' | 'dstId' | 'userId' | 'userEmail' | 'protocol' | 'direction' | 'connectionType'
  | 'eventTypes' | 'srcName' | 'dstName' | 'srcAddress' | 'dstAddress' | 'srcPort' | 'rxBytes' | 'txBytes'
>;

type BigIntColumn = { [K in keyof SearchRollupRow]: SearchRollupRow[K] extends bigint ? K : never }[keyof SearchRollupRow];
type IntColumn = 'flows' | 'startFlows' | 'endFlows' | 'dropFlows' | 'unknownFlows';

type SubEventType = 'TYPE_START' | 'TYPE_END' | 'TYPE_DROP' | 'TYPE_UNKNOWN';

/** The columns holding a sub-event type's sums (TYPE_START → startRxBytes, startTxBytes, startFlows). */
export const TYPE_SUMS: Record<SubEventType, { rx: BigIntColumn; tx: BigIntColumn; flows: IntColumn }> = {
  TYPE_START: { rx: 'startRxBytes', tx: 'startTxBytes', flows: 'startFlows' },
  TYPE_END: { rx: 'endRxBytes', tx: 'endTxBytes', flows: 'endFlows' },
  TYPE_DROP: { rx: 'dropRxBytes', tx: 'dropTxBytes', flows: 'dropFlows' },
  TYPE_UNKNOWN: { rx: 'unknownRxBytes', tx: 'unknownTxBytes', flows: 'unknownFlows' },
};
/** Every summed column, the upsert adds them all. */
export const BIGINT_SUMS: BigIntColumn[] = ['rxBytes', 'txBytes', ...Object.values(TYPE_SUMS).flatMap((c) => [c.rx, c.tx])];
export const INT_SUMS: IntColumn[] = ['flows', ...Object.values(TYPE_SUMS).map((c) => c.flows)];
/** A new group's per-type sums, before its first event is added. */
const NO_TYPE_SUMS = Object.fromEntries(Object.values(TYPE_SUMS).flatMap((c) => [[c.rx, 0n], [c.tx, 0n], [c.flows, 0]])) as Omit<Pick<SearchRollupRow, BigIntColumn | IntColumn>, 'rxBytes' | 'txBytes' | 'flows'>;

/** The types in an eventTypes column (",TYPE_START,TYPE_END,"); a report repeats a few spellings. */
const typeLists = new Map<string, SubEventType[]>();
const TYPES = Object.keys(TYPE_SUMS) as SubEventType[];
function typesOf(eventTypes: string) {
  let list = typeLists.get(eventTypes);
  if (!list) {
    list = TYPES.filter((t) => eventTypes.includes(`,${t},`));
    if (typeLists.size < 64) typeLists.set(eventTypes, list);
  }
  return list;
}

/** The stored group key: the same in every report for the same group (see searchRollUp). */
function groupKeyOf(row: SearchRollupRow): string {
  const fields = [row.reporterId, row.srcId, row.dstId, row.userId, row.direction, row.connectionType, row.searchText, row.userEmail];
  // Each value prefixed by its length, so no two different groups spell the same input.
  return hash('sha256', `${row.protocol}|${fields.map((f) => `${f.length}:${f}`).join('')}`, 'base64url').slice(0, 22);
}

/** Sums events by hour and every grouping column; one row per group, keyed by a digest of the group. */
export function searchRollUp(rows: readonly EventFields[]): SearchRollupRow[] {
  const groups = new Groups<SearchRollupRow>(14);
  for (const r of rows) {
    const hour = Math.floor(r.windowStart.getTime() / ROLLUP_MS);
    const srcHost = sourceHost(r.srcAddress, r.srcPort);
    groups
      .start().num(hour).num(r.protocol)
      .text(r.accountId).text(r.reporterId).text(r.srcId).text(r.dstId).text(r.userId).text(r.direction).text(r.connectionType)
      .text(r.userEmail).text(r.srcName).text(r.dstName).text(srcHost).text(r.dstAddress);
    let sum = groups.find();
    if (sum) {
      sum.rxBytes += r.rxBytes;
      sum.txBytes += r.txBytes;
      sum.flows += 1;
    } else {
      sum = {
        ...rollupKey(r, hour),
        groupKey: '',
        searchText: searchText({ userEmail: r.userEmail, srcName: r.srcName, dstName: r.dstName, srcAddress: srcHost, dstAddress: r.dstAddress }),
        userEmail: r.userEmail,
        rxBytes: r.rxBytes,
        txBytes: r.txBytes,
        flows: 1,
        ...NO_TYPE_SUMS,
      };
      groups.put(sum);
    }
    for (const t of typesOf(r.eventTypes)) {
      sum[TYPE_SUMS[t].rx] += r.rxBytes;
      sum[TYPE_SUMS[t].tx] += r.txBytes;
      sum[TYPE_SUMS[t].flows] += 1;
    }
  }
  // The stored key digests the stored columns (128 bits of SHA-256: groups of one account and hour
  // never collide by chance, and an agent cannot choose values that merge two groups). Groups that
  // differ only in how line breaks inside names split the text store the same columns, so they are
  // merged here: one statement may not upsert a key twice.
  const out = new Map<string, SearchRollupRow>();
  for (const row of groups.groups()) {
    row.groupKey = groupKeyOf(row);
    const key = `${row.bucketStart.getTime()}|${row.accountId}|${row.groupKey}`;
    const same = out.get(key);
    if (!same) out.set(key, row);
    else {
      for (const c of BIGINT_SUMS) same[c] += row[c];
      for (const c of INT_SUMS) same[c] += row[c];
    }
  }
  return [...out.values()];
}
