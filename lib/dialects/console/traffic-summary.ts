// Query of the console's GET /api/console/traffic/summary: the network-traffic filters (the route
// takes them, same names and types, from GET /api/events/network-traffic's query) plus the chart's
// range and bucket size, below.
import { z } from 'zod';

export const summaryRange = {
  from: z.string().optional(),
  to: z.string().optional(),
  /** Seconds. */
  bucket: z.coerce.number().int().optional(),
};
