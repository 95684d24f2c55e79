// Traffic flow ingest: a peer's agent reports flow records (NetBird NetworkTrafficEvent without the
// fields the server sets). The whole batch is checked before anything is stored, then written in one
// transaction through the bulk path (lib/domain/traffic/bulk-insert.ts), which is far faster than the ORM.
import { insertTrafficEvents, type NewTrafficEvent } from './bulk-insert';
import type { Peer } from '../../db/models';
import { ValidationError } from '../errors';
import { parseTimestamp } from '../timestamps';
import { ROLLUP_MS } from './rollup';
import { searchText, sourcePort } from './search';

export const MAX_FLOW_EVENTS_PER_REPORT = 10_000;
export const DIRECTIONS = ['INGRESS', 'EGRESS', 'DIRECTION_UNKNOWN'] as const;
export const SUB_EVENT_TYPES = ['TYPE_UNKNOWN', 'TYPE_START', 'TYPE_END', 'TYPE_DROP'] as const;
export const CONNECTION_TYPES = ['P2P', 'ROUTED'] as const;
export const ENDPOINT_TYPES = ['UNKNOWN', 'PEER', 'HOST_RESOURCE', 'SUBNET_RESOURCE', 'DOMAIN_RESOURCE'] as const;
/** Longest accepted text field (names, addresses, ids); flows carry short identifiers only. */
const MAX_TEXT = 1024;

interface EndpointInput {
  id?: string;
  type?: string;
  name?: string;
  geo_location?: { city_name?: string; country_code?: string };
  os?: string | null;
  address?: string;
  dns_label?: string | null;
}

export interface FlowEventInput {
  flow_id: string;
  source?: EndpointInput;
  destination?: EndpointInput;
  user?: { id?: string; email?: string; name?: string };
  policy?: { id?: string; name?: string };
  icmp?: { type?: number; code?: number };
  protocol?: number;
  direction?: string;
  rx_bytes?: number;
  rx_packets?: number;
  tx_bytes?: number;
  tx_packets?: number;
  num_of_starts?: number;
  num_of_ends?: number;
  num_of_drops?: number;
  window_start: string;
  window_end: string;
  events?: { type: string; timestamp: string }[];
}

/** One invalid event rejects the whole report; the message names it (`events[3].direction: ...`). */
class Checker {
  constructor(
    private readonly index: number,
    /** Timestamps already parsed in this report (sub-events usually repeat the window's). */
    private readonly times: Map<string, Date | null>,
  ) {}
  /** The message prefix is built only on failure: 10,000 events per report pass through here. */
  private get at(): string {
    return `events[${this.index}]`;
  }
  fail(field: string, message: string): never {
    throw new ValidationError(`${this.at}.${field}: ${message}`, 'value', `${this.at}.${field}`);
  }
  /** A wrong JSON type (400 in NetBird, like Go's decoder), checked here instead of by a schema
   *  library because a report holds 10,000 events and this is the ingest hot path. */
  typeFail(field: string, expected: string): never {
    throw new ValidationError(`${this.at}${field ? `.${field}` : ''}: expected ${expected}`, 'type', `${this.at}.${field}`);
  }
  object<T>(field: string, v: unknown, required = false): T | undefined {
    if (v === undefined || v === null) return required ? this.typeFail(field, 'an object') : undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.typeFail(field, 'an object');
    return v as T;
  }
  text(field: string, v: unknown): string {
    if (v !== undefined && v !== null && typeof v !== 'string') this.typeFail(field, 'a string');
    const s = (v as string | null | undefined) ?? '';
    if (s.length > MAX_TEXT) this.fail(field, `is longer than ${MAX_TEXT} characters`);
    return s;
  }
  oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], fallback: T): T {
    if (v !== undefined && typeof v !== 'string') this.typeFail(field, 'a string');
    if (v === undefined || v === '') return fallback;
    if (!(allowed as readonly string[]).includes(v)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }
  range(field: string, v: unknown, max: number): number {
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v))) this.typeFail(field, 'an integer');
    const n = (v as number | null | undefined) ?? 0;
    if (n < 0 || n > max) this.fail(field, `must be between 0 and ${max}`);
    return n;
  }
  /** The timestamp normalized to ISO 8601 UTC, formatted once per distinct input. */
  isoTime(field: string, v: unknown): string {
    const d = this.time(field, v);
    // Agents send the canonical form ("2025-03-20T16:23:58.125Z") almost always. A valid time of
    // 24 characters with "T" and "Z" can only be that form, which is its own ISO text; skipping
    // toISOString() (and the cache that used to stand in for it) matters at 10,000 events a report.
    const s = v as string;
    return s.length === 24 && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(23) === 90 /* Z */ ? s : d.toISOString();
  }
  time(field: string, v: unknown): Date {
    if (typeof v !== 'string') this.typeFail(field, 'a date-time string');
    let d = this.times.get(v);
    if (d === undefined) {
      d = parseTimestamp(v);
      if (this.times.size > 100_000) this.times.clear();
      this.times.set(v, d);
    }
    if (!d) this.fail(field, 'must be an RFC 3339 date-time such as 2025-03-20T16:23:58.125Z');
    return d;
  }
}

const fieldNames = (side: string) => ({
  side,
  geo: `${side}.geo_location`,
  country: `${side}.geo_location.country_code`,
  city: `${side}.geo_location.city_name`,
  id: `${side}.id`,
  type: `${side}.type`,
  name: `${side}.name`,
  address: `${side}.address`,
  dnsLabel: `${side}.dns_label`,
  os: `${side}.os`,
});
const FIELDS = { source: fieldNames('source'), destination: fieldNames('destination') };

function endpoint(c: Checker, side: 'source' | 'destination', value: unknown) {
  const f = FIELDS[side];
  const e = c.object<EndpointInput>(f.side, value);
  c.object(f.geo, e?.geo_location);
  const country = c.text(f.country, e?.geo_location?.country_code);
  if (country && !/^[A-Z]{2}$/.test(country)) c.fail(f.country, 'must be a 2-letter upper-case ISO 3166-1 code');
  return {
    id: c.text(f.id, e?.id),
    type: c.oneOf(f.type, e?.type, ENDPOINT_TYPES, 'UNKNOWN'),
    name: c.text(f.name, e?.name),
    address: c.text(f.address, e?.address),
    dnsLabel: c.text(f.dnsLabel, e?.dns_label),
    os: c.text(f.os, e?.os),
    country,
    city: c.text(f.city, e?.geo_location?.city_name),
  };
}

const subFields = (i: number) => ({ at: `events[${i}]`, type: `events[${i}].type`, timestamp: `events[${i}].timestamp` });
// Field names of the first sub-events, made once rather than three strings per sub-event per event.
const SUB_FIELDS = Array.from({ length: 8 }, (_, i) => subFields(i));
const subEventFields = (i: number) => SUB_FIELDS[i] ?? subFields(i);

/** Checks one reported event and turns it into a row. Throws ValidationError naming the field. */
export function flowEventRow(
  peer: Pick<Peer, 'id' | 'accountId'>,
  input: unknown,
  index: number,
  received: Date,
  times = new Map<string, Date | null>(),
): NewTrafficEvent {
  const c = new Checker(index, times);
  const e = c.object<FlowEventInput>('', input, true)!;
  if (typeof e.flow_id !== 'string') c.typeFail('flow_id', 'a string');
  for (const part of ['user', 'policy', 'icmp'] as const) c.object(part, e[part]);
  if (e.events !== undefined && e.events !== null && !Array.isArray(e.events)) c.typeFail('events', 'an array');
  const flowId = c.text('flow_id', e.flow_id).trim();
  if (!flowId) c.fail('flow_id', 'cannot be empty');
  const src = endpoint(c, 'source', e.source);
  const dst = endpoint(c, 'destination', e.destination);
  const windowStart = c.time('window_start', e.window_start);
  const windowEnd = c.time('window_end', e.window_end);
  if (windowEnd < windowStart) c.fail('window_end', 'is before window_start');
  // Sub-events: checked, counted and serialized in one pass (types come from a fixed set and ISO
  // timestamps need no escaping, so the JSON is written directly).
  const tally: Record<string, number> = {};
  let eventsJson = '[';
  const list = e.events ?? [];
  for (let i = 0; i < list.length; i++) {
    const f = subEventFields(i);
    const s = c.object<{ type: unknown; timestamp: unknown }>(f.at, list[i], true)!;
    if (typeof s.type !== 'string') c.typeFail(f.type, 'a string');
    const type = c.oneOf(f.type, s.type, SUB_EVENT_TYPES, 'TYPE_UNKNOWN');
    const timestamp = c.isoTime(f.timestamp, s.timestamp);
    tally[type] = (tally[type] ?? 0) + 1;
    eventsJson += `${i ? ',' : ''}{"type":"${type}","timestamp":"${timestamp}"}`;
  }
  eventsJson += ']';
  const counted = (t: string) => tally[t] ?? 0;
  const types = Object.keys(tally);
  const userEmail = c.text('user.email', e.user?.email);
  return {
    accountId: peer.accountId,
    flowId,
    reporterId: peer.id,
    receiveTimestamp: received,
    srcId: src.id, srcType: src.type, srcName: src.name, srcAddress: src.address, srcDnsLabel: src.dnsLabel, srcOs: src.os, srcCountry: src.country, srcCity: src.city,
    dstId: dst.id, dstType: dst.type, dstName: dst.name, dstAddress: dst.address, dstDnsLabel: dst.dnsLabel, dstOs: dst.os, dstCountry: dst.country, dstCity: dst.city,
    userId: c.text('user.id', e.user?.id),
    userEmail,
    userName: c.text('user.name', e.user?.name),
    policyId: c.text('policy.id', e.policy?.id),
    policyName: c.text('policy.name', e.policy?.name),
    icmpType: c.range('icmp.type', e.icmp?.type, 255),
    icmpCode: c.range('icmp.code', e.icmp?.code, 255),
    protocol: c.range('protocol', e.protocol, 255),
    direction: c.oneOf('direction', e.direction, DIRECTIONS, 'DIRECTION_UNKNOWN'),
    // Peer to peer when both ends are peers; anything involving a resource went through a router.
    connectionType: src.type === 'PEER' && dst.type === 'PEER' ? 'P2P' : 'ROUTED',
    rxBytes: BigInt(c.range('rx_bytes', e.rx_bytes, Number.MAX_SAFE_INTEGER)),
    rxPackets: BigInt(c.range('rx_packets', e.rx_packets, Number.MAX_SAFE_INTEGER)),
    txBytes: BigInt(c.range('tx_bytes', e.tx_bytes, Number.MAX_SAFE_INTEGER)),
    txPackets: BigInt(c.range('tx_packets', e.tx_packets, Number.MAX_SAFE_INTEGER)),
    // Counters the agent did not send are counted from the sub-events.
    numStarts: e.num_of_starts === undefined ? counted('TYPE_START') : c.range('num_of_starts', e.num_of_starts, 2 ** 31 - 1),
    numEnds: e.num_of_ends === undefined ? counted('TYPE_END') : c.range('num_of_ends', e.num_of_ends, 2 ** 31 - 1),
    numDrops: e.num_of_drops === undefined ? counted('TYPE_DROP') : c.range('num_of_drops', e.num_of_drops, 2 ** 31 - 1),
    windowStart,
    windowEnd,
    events: eventsJson,
    eventTypes: types.length ? `,${types.join(',')},` : '',
    searchText: searchText({ userEmail, srcName: src.name, dstName: dst.name, srcAddress: src.address, dstAddress: dst.address }),
    srcPort: sourcePort(src.address),
    windowHour: Math.floor(windowStart.getTime() / ROLLUP_MS),
  };
}

/** The user a peer's flows may be attributed to: the peer's own (as stored, not as reported). */
export interface FlowOwner {
  id: string;
  email: string;
  name: string;
}

/**
 * A reported flow keeps its user only when it names the reporting peer's own user, and then with
 * that user's stored email and name; any other attribution is dropped, so a peer cannot put flows
 * on someone else's account. Malformed `user` values are left for flowEventRow to reject.
 */
function attribute(event: unknown, owner: FlowOwner | null): void {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return;
  const e = event as { user?: unknown };
  if (e.user === undefined || e.user === null) return;
  if (typeof e.user !== 'object' || Array.isArray(e.user)) return;
  e.user = owner && (e.user as { id?: unknown }).id === owner.id ? { ...owner } : undefined;
}

/** Stores a peer's flow report; all events or none. Returns how many were stored. */
export async function ingestFlowEvents(peer: Pick<Peer, 'id' | 'accountId'>, events: unknown[], owner: FlowOwner | null, received = new Date()): Promise<number> {
  if (events.length > MAX_FLOW_EVENTS_PER_REPORT) {
    throw new ValidationError(`a report may hold at most ${MAX_FLOW_EVENTS_PER_REPORT} events (got ${events.length})`);
  }
  for (const e of events) attribute(e, owner);
  const times = new Map<string, Date | null>();
  const rows = events.map((e, i) => flowEventRow(peer, e, i, received, times));
  await insertTrafficEvents(rows);
  return rows.length;
}
