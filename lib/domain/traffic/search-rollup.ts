// Hourly sums for the charts' `type` and `search` filters (TrafficSearchRollup): grouped by the
// TrafficRollup key and the searchable text, with the sums repeated per sub-event type (an event
// counts under every type it has a sub-event of). Pure functions:
// the bulk path (lib/domain/traffic/bulk-insert.ts) stores what searchRollUp() returns in the events'
// transaction, and lib/domain/traffic/summary.ts reads them for the `type` and `search` filters.
//
// The source address's port is left out (when TrafficEvent.srcPort holds it); why the sums stay
// exact, with the events of the ports portsMatching() names: see lib/domain/traffic/search.ts.
// Beside the sums: each group once without its hour (TrafficSearchGroup), each event's group key
// (stored as the group's number, TrafficEvent.searchGroupId, so a port's events are tested by
// their group's text), and the group's hourly sums by source-port digit (TrafficPortSum, for keys
// that can match inside most ports).
import { hash } from 'node:crypto';
import type { TrafficEvent, TrafficPortSum, TrafficSearchGroup, TrafficSearchRollup } from '../../db/models';
import { searchText, sourceHost } from './search';
import { Groups, ROLLUP_MS } from './rollup';

export type SearchRollupRow = TrafficSearchRollup;
/** A group as written (the database numbers it). */
export type SearchGroupRow = Omit<TrafficSearchGroup, 'id'>;
export type PortSumRow = TrafficPortSum;
type EventFields = Pick<
  TrafficEvent,
  | 'accountId' | 'windowStart' | 'reporterId' | 'srcId' | 'dstId' | 'userId' | 'userEmail' | 'protocol' | 'direction' | 'connectionType'
  | 'eventTypes' | 'srcName' | 'dstName' | 'srcAddress' | 'dstAddress' | 'srcPort' | 'rxBytes' | 'txBytes'
>;

type BigIntColumn = { [K in keyof PortSumRow]: PortSumRow[K] extends bigint ? K : never }[keyof PortSumRow];
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
/** The summed columns, shared by TrafficSearchRollup and TrafficPortSum. */
type Sums = Pick<PortSumRow, BigIntColumn | IntColumn>;

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

/** Adds one event to sums: in total and under each sub-event type it has (`types`). */
function addEvent(sum: Sums, r: EventFields, types: readonly SubEventType[]) {
  sum.rxBytes += r.rxBytes;
  sum.txBytes += r.txBytes;
  sum.flows += 1;
  for (const t of types) {
    sum[TYPE_SUMS[t].rx] += r.rxBytes;
    sum[TYPE_SUMS[t].tx] += r.txBytes;
    sum[TYPE_SUMS[t].flows] += 1;
  }
}

function addSums(to: Sums, from: Sums) {
  for (const c of BIGINT_SUMS) to[c] += from[c];
  for (const c of INT_SUMS) to[c] += from[c];
}

/**
 * Zero sums, written out: every row then has one object shape. Spreading the per-type columns into
 * rows made V8 keep them as dictionaries, and adding to them was most of a report's grouping cost.
 */
const noSums = (): Sums => ({
  rxBytes: 0n, txBytes: 0n, flows: 0,
  startRxBytes: 0n, startTxBytes: 0n, startFlows: 0,
  endRxBytes: 0n, endTxBytes: 0n, endFlows: 0,
  dropRxBytes: 0n, dropTxBytes: 0n, dropFlows: 0,
  unknownRxBytes: 0n, unknownTxBytes: 0n, unknownFlows: 0,
});

/** TrafficPortSum.digit by slot: 0–9 a digit anywhere in the port, 10–19 "^" and the first digit. */
const PORT_DIGITS = [...'0123456789', ...[...'0123456789'].map((d) => `^${d}`)];

/** The digits in a text, as a bit mask (bit d for digit d). */
const digitsIn = (text: string) => [...'0123456789'].reduce((mask, d, i) => (text.includes(d) ? mask | (1 << i) : mask), 0);

/**
 * The TrafficPortSum digits an event with source port `port` counts under, in a group whose text
 * holds the digits `textDigits` (digitsIn): "^" and the port's first digit, and each digit of the
 * port the text lacks (a group whose text has the digit is counted whole by the search sums for it).
 * As slots of PORT_DIGITS (called per event, so without strings).
 */
function portSlots(port: number, textDigits: number): number[] {
  const digits = String(port);
  const out = [10 + digits.charCodeAt(0) - 48];
  let seen = textDigits;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (!(seen & (1 << d))) {
      seen |= 1 << d;
      out.push(d);
    }
  }
  return out;
}

/** portSlots() as TrafficPortSum.digit values, for a group whose text is `text`. */
export const portDigits = (port: number, text: string) => portSlots(port, digitsIn(text)).map((slot) => PORT_DIGITS[slot]);

/** A group's reference across accounts (its key is unique within one): "accountId|groupKey". */
export const groupRef = (accountId: string, groupKey: string) => `${accountId}|${groupKey}`;

export interface SearchRollup {
  /** TrafficSearchRollup rows, one per key. */
  sums: SearchRollupRow[];
  /** TrafficSearchGroup rows, one per group key. */
  groups: SearchGroupRow[];
  /** TrafficPortSum rows, one per key. */
  portSums: PortSumRow[];
  /** Per event (in order): its group's key when it has srcPort (stored as the group's number), else null. */
  eventGroups: (string | null)[];
}

/** Sums events by hour and every grouping column; one row per group, keyed by a digest of the group. */
export function searchRollUp(rows: readonly EventFields[]): SearchRollup {
  const groups = new Groups<SearchRollupRow>(14);
  const eventRows: (SearchRollupRow | null)[] = [];
  /** Per group: the digits of its text, and its sums by PORT_DIGITS slot. */
  const byDigit = new Map<SearchRollupRow, { textDigits: number; slots: (Sums | undefined)[] }>();
  for (const r of rows) {
    const hour = Math.floor(r.windowStart.getTime() / ROLLUP_MS);
    const srcHost = sourceHost(r.srcAddress, r.srcPort);
    groups
      .start().num(hour).num(r.protocol)
      .text(r.accountId).text(r.reporterId).text(r.srcId).text(r.dstId).text(r.userId).text(r.direction).text(r.connectionType)
      .text(r.userEmail).text(r.srcName).text(r.dstName).text(srcHost).text(r.dstAddress);
    let sum = groups.find();
    if (!sum) {
      const text = searchText({ userEmail: r.userEmail, srcName: r.srcName, dstName: r.dstName, srcAddress: srcHost, dstAddress: r.dstAddress });
      sum = Object.assign(noSums(), {
        accountId: r.accountId, bucketStart: new Date(hour * ROLLUP_MS), reporterId: r.reporterId, srcId: r.srcId, dstId: r.dstId, userId: r.userId,
        protocol: r.protocol, direction: r.direction, connectionType: r.connectionType, groupKey: '', searchText: text, userEmail: r.userEmail,
      });
      groups.put(sum);
    }
    const types = typesOf(r.eventTypes);
    addEvent(sum, r, types);
    eventRows.push(r.srcPort === null ? null : sum);
    if (r.srcPort !== null) {
      let ports = byDigit.get(sum);
      if (!ports) byDigit.set(sum, (ports = { textDigits: digitsIn(sum.searchText), slots: [] }));
      for (const slot of portSlots(r.srcPort, ports.textDigits)) addEvent((ports.slots[slot] ??= noSums()), r, types);
    }
  }
  // The stored key digests the stored columns (128 bits of SHA-256: groups of one account and hour
  // never collide by chance, and an agent cannot choose values that merge two groups). Groups that
  // differ only in how line breaks inside names split the text store the same columns, so they are
  // merged here: one statement may not upsert a key twice.
  const out = new Map<string, SearchRollupRow>();
  const groupRows = new Map<string, SearchGroupRow>();
  const portSums = new Map<string, PortSumRow>();
  for (const row of groups.groups()) {
    row.groupKey = groupKeyOf(row);
    const key = `${row.bucketStart.getTime()}|${row.accountId}|${row.groupKey}`;
    const same = out.get(key);
    if (!same) out.set(key, row);
    else addSums(same, row);
    groupRows.set(groupRef(row.accountId, row.groupKey), {
      accountId: row.accountId, groupKey: row.groupKey, reporterId: row.reporterId, srcId: row.srcId, dstId: row.dstId, userId: row.userId,
      protocol: row.protocol, direction: row.direction, connectionType: row.connectionType, searchText: row.searchText, userEmail: row.userEmail,
    });
    for (const [slot, s] of (byDigit.get(row)?.slots ?? []).entries()) {
      if (!s) continue;
      const digit = PORT_DIGITS[slot];
      const at = `${key}|${digit}`;
      const known = portSums.get(at);
      if (known) addSums(known, s);
      else {
        const { accountId, bucketStart, reporterId, userId, protocol, groupKey, userEmail } = row;
        portSums.set(at, { accountId, digit, bucketStart, reporterId, userId, protocol, groupKey, userEmail, ...s });
      }
    }
  }
  return { sums: [...out.values()], groups: [...groupRows.values()], portSums: [...portSums.values()], eventGroups: eventRows.map((row) => row?.groupKey ?? null) };
}
