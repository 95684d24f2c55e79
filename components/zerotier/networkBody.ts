// What the console posts for a network: name and access, plus one managed IPv4 range turned into
// ZeroTier's route + assignment pool (as ZeroTier Central's "easy" setup does).
import { ipv4HostRange, ipv4Network, isIpv4Cidr } from '../forms/formChecks';
import type { NetworkDraft } from './types';

export function networkProblem(d: NetworkDraft): string | null {
  if (!d.name.trim()) return 'Give the network a name.';
  if (d.cidr.trim() && (!isIpv4Cidr(d.cidr) || !ipv4HostRange(d.cidr))) return `"${d.cidr}" is not an IPv4 network between /8 and /30, e.g. 10.147.17.0/24.`;
  return null;
}

export function networkBody(d: NetworkDraft, previousCidr?: string) {
  const body: Record<string, unknown> = { name: d.name.trim(), private: d.private };
  const cidr = d.cidr.trim();
  // Leave routes and pools alone unless the range was changed here.
  if (previousCidr !== undefined && cidr === previousCidr) return body;
  if (!cidr) return { ...body, routes: [], ipAssignmentPools: [] };
  const range = ipv4HostRange(cidr)!;
  return { ...body, routes: [{ target: ipv4Network(cidr), via: null }], ipAssignmentPools: [{ ipRangeStart: range.start, ipRangeEnd: range.end }], v4AssignMode: { zt: true } };
}
