// NetBird wire shapes for network traffic events: the agent's flow report (meshdeck's own
// POST /api/agent/flows, events in NetBird's NetworkTrafficEvent shape without the fields the
// server sets) and the list answer (components.schemas.NetworkTrafficEventsResponse).
// The event shape is FlowEventInput in lib/domain/traffic/ingest.ts, which checks types and values.
import { z } from 'zod';
import type { TrafficEvent } from '../../db/models';
import { parseJsonArray } from '../../domain/json';
import type { TrafficPage } from '../../domain/traffic/query';
import type { SummaryFilter } from '../../domain/traffic/sql';

// Only the envelope is checked here: each of up to 10,000 events is type- and value-checked in one
// pass by flowEventRow (lib/domain/traffic/ingest.ts), which is several times faster than a schema
// library on this hot path. `flowEvent` above documents the event's shape.
export const flowReport = z.object({ events: z.array(z.unknown()) });

/** The filters of GET /api/events/network-traffic (the console's traffic charts take the same); numbers must parse as integers (else 400). */
export const trafficFilterQuery = z.object({
  user_id: z.string().optional(),
  reporter_id: z.string().optional(),
  source_id: z.string().optional(),
  destination_id: z.string().optional(),
  protocol: z.coerce.number().int().optional(),
  type: z.string().optional(),
  connection_type: z.string().optional(),
  direction: z.string().optional(),
  search: z.string().optional(),
});

/** Query of GET /api/events/network-traffic: the filters, a page and a date range. */
export const trafficQuery = trafficFilterQuery.extend({
  // Checked by parsePage (lib/domain/paging.ts), the one parser of page numbers.
  page: z.string().optional(),
  page_size: z.coerce.number().int().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
});

/** The filters as the domain names them (one mapping for the events list and the charts). */
export function trafficFilterFrom(q: z.infer<typeof trafficFilterQuery>): SummaryFilter {
  return {
    userId: q.user_id,
    reporterId: q.reporter_id,
    sourceId: q.source_id,
    destinationId: q.destination_id,
    protocol: q.protocol,
    type: q.type,
    connectionType: q.connection_type,
    direction: q.direction,
    search: q.search,
  };
}

function endpointOf(r: TrafficEvent, side: 'src' | 'dst') {
  return {
    id: r[`${side}Id`],
    type: r[`${side}Type`],
    name: r[`${side}Name`],
    geo_location: { city_name: r[`${side}City`], country_code: r[`${side}Country`] },
    os: r[`${side}Os`],
    address: r[`${side}Address`],
    dns_label: r[`${side}DnsLabel`],
  };
}

export function toNetbirdTrafficEvent(r: TrafficEvent) {
  return {
    id: String(r.id),
    flow_id: r.flowId,
    reporter_id: r.reporterId,
    receive_timestamp: r.receiveTimestamp.toISOString(),
    source: endpointOf(r, 'src'),
    destination: endpointOf(r, 'dst'),
    user: { id: r.userId, email: r.userEmail, name: r.userName },
    policy: { id: r.policyId, name: r.policyName },
    icmp: { type: r.icmpType, code: r.icmpCode },
    protocol: r.protocol,
    direction: r.direction,
    // Stored as BIGINT; sent as JSON numbers (counters stay below 2^53).
    rx_bytes: Number(r.rxBytes),
    rx_packets: Number(r.rxPackets),
    tx_bytes: Number(r.txBytes),
    tx_packets: Number(r.txPackets),
    num_of_starts: r.numStarts,
    num_of_ends: r.numEnds,
    num_of_drops: r.numDrops,
    window_start: r.windowStart.toISOString(),
    window_end: r.windowEnd.toISOString(),
    events: parseJsonArray<{ type: string; timestamp: string }>(r.events),
  };
}

export function toNetbirdTrafficPage(p: TrafficPage) {
  return {
    data: p.rows.map(toNetbirdTrafficEvent),
    page: p.page,
    page_size: p.pageSize,
    total_records: p.total,
    total_pages: Math.ceil(p.total / p.pageSize),
  };
}

export type NetbirdTrafficEvent = ReturnType<typeof toNetbirdTrafficEvent>;
export type NetbirdTrafficPage = ReturnType<typeof toNetbirdTrafficPage>;
