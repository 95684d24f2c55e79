// Query of the console's GET /api/console/traffic/summary: the network-traffic filters (same names
// and types as GET /api/events/network-traffic) plus the chart's range and bucket size.
import { z } from 'zod';
import { trafficQuery } from '../netbird/traffic';

export const trafficSummaryQuery = trafficQuery.omit({ page: true, page_size: true, start_date: true, end_date: true }).extend({
  from: z.string().optional(),
  to: z.string().optional(),
  /** Seconds. */
  bucket: z.coerce.number().int().optional(),
});
