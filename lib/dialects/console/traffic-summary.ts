// Query of the console's GET /api/console/traffic/summary beyond the network-traffic filters it shares
// with GET /api/events/network-traffic (the route joins the two): the chart's range and bucket size.
import { z } from 'zod';

export const chartRangeQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  /** Seconds. */
  bucket: z.coerce.number().int().optional(),
});
