// Hourly sums for the charts' `type` and `search` filters (TrafficSearchRollup). Pure functions:
// the bulk path (lib/db/bulk-traffic.ts) stores what searchRollUp() returns in the events'
// transaction, and lib/domain/traffic-summary.ts reads them for the `type` and `search` filters.
//
// The source address's port is left out (when TrafficEvent.srcPort holds it); why the sums stay
// exact, with the events of the ports portsMatching() names: see lib/domain/traffic-search.ts.
import { hash } from 'node:crypto';
import type { TrafficEvent, TrafficSearchRollup } from '../generated/sqlite/client';
import { searchText } from './traffic-search';
import { Groups, rollupKey, ROLLUP_MS } from './traffic-rollup';

export type SearchRollupRow = TrafficSearchRollup;
type EventFields = Pick<
  TrafficEvent,
  | 'accountId' | 'windowStart' | 'reporterId' | 'srcId' | 'dstId' | 'userId' | 'userEmail' | 'protocol' | 'direction' | 'connectionType'
  | 'eventTypes' | 'srcName' | 'dstName' | 'srcAddress' | 'dstAddress' | 'srcPort' | 'rxBytes' | 'txBytes'
>;

/** The stored group key: the same in every report for the same group (see searchRollUp). */
function groupKeyOf(row: SearchRollupRow): string {
  const fields = [row.reporterId, row.srcId, row.dstId, row.userId, row.direction, row.connectionType, row.eventTypes, row.searchText, row.userEmail];
  // Each value prefixed by its length, so no two different groups spell the same input.
  return hash('sha256', `${row.protocol}|${fields.map((f) => `${f.length}:${f}`).join('')}`, 'base64url').slice(0, 22);
}

/** Sums events by hour and every grouping column; one row per group, keyed by a digest of the group. */
export function searchRollUp(rows: readonly EventFields[]): SearchRollupRow[] {
  const groups = new Groups<SearchRollupRow>(15);
  // The source address without ":" and srcPort (which it ends with: see sourcePort()).
  const host = (r: EventFields) => (r.srcPort === null ? r.srcAddress : r.srcAddress.slice(0, -(String(r.srcPort).length + 1)));
  for (const r of rows) {
    const hour = Math.floor(r.windowStart.getTime() / ROLLUP_MS);
    const srcHost = host(r);
    groups
      .start().num(hour).num(r.protocol)
      .text(r.accountId).text(r.reporterId).text(r.srcId).text(r.dstId).text(r.userId).text(r.direction).text(r.connectionType)
      .text(r.eventTypes).text(r.userEmail).text(r.srcName).text(r.dstName).text(srcHost).text(r.dstAddress);
    const sum = groups.find();
    if (sum) {
      sum.rxBytes += r.rxBytes;
      sum.txBytes += r.txBytes;
      sum.flows += 1;
      continue;
    }
    groups.put({
      ...rollupKey(r, hour),
      groupKey: '',
      eventTypes: r.eventTypes,
      searchText: searchText({ userEmail: r.userEmail, srcName: r.srcName, dstName: r.dstName, srcAddress: srcHost, dstAddress: r.dstAddress }),
      userEmail: r.userEmail,
      rxBytes: r.rxBytes,
      txBytes: r.txBytes,
      flows: 1,
    });
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
      same.rxBytes += row.rxBytes;
      same.txBytes += row.txBytes;
      same.flows += row.flows;
    }
  }
  return [...out.values()];
}
