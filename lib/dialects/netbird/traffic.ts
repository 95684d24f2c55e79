// NetBird wire shapes for network traffic events: the agent's flow report (meshdeck's own
// POST /api/agent/flows, events in NetBird's NetworkTrafficEvent shape without the fields the
// server sets) and the list answer (components.schemas.NetworkTrafficEventsResponse).
// Types and required fields only; value rules live in lib/domain/traffic.ts.
import { z } from 'zod';
import type { TrafficEvent } from '../../generated/sqlite/client';
import { parseJsonArray } from '../../domain/json';
import type { TrafficPage } from '../../domain/traffic-query';

const endpoint = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  name: z.string().optional(),
  geo_location: z.object({ city_name: z.string().optional(), country_code: z.string().optional() }).optional(),
  os: z.string().nullable().optional(),
  address: z.string().optional(),
  dns_label: z.string().nullable().optional(),
});

const count = z.number().int().optional();

export const flowEvent = z.object({
  flow_id: z.string(),
  source: endpoint.optional(),
  destination: endpoint.optional(),
  user: z.object({ id: z.string().optional(), email: z.string().optional(), name: z.string().optional() }).optional(),
  policy: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  icmp: z.object({ type: count, code: count }).optional(),
  protocol: count,
  direction: z.string().optional(),
  rx_bytes: count,
  rx_packets: count,
  tx_bytes: count,
  tx_packets: count,
  num_of_starts: count,
  num_of_ends: count,
  num_of_drops: count,
  window_start: z.string(),
  window_end: z.string(),
  events: z.array(z.object({ type: z.string(), timestamp: z.string() })).optional(),
});

export type FlowEvent = z.infer<typeof flowEvent>;

export const flowReport = z.object({ events: z.array(flowEvent) });

/** Query of GET /api/events/network-traffic; numbers must parse as integers (else 400). */
export const trafficQuery = z.object({
  page: z.coerce.number().int().optional(),
  page_size: z.coerce.number().int().optional(),
  user_id: z.string().optional(),
  reporter_id: z.string().optional(),
  source_id: z.string().optional(),
  destination_id: z.string().optional(),
  protocol: z.coerce.number().int().optional(),
  type: z.string().optional(),
  connection_type: z.string().optional(),
  direction: z.string().optional(),
  search: z.string().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
});

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
    id: r.id,
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
