// Shapes the access-control page reads (see lib/dialects/console/acl.ts and the Tailscale
// preview answer).
export type { EffectiveView, AccessCell, GrantSource } from '@/lib/domain/acl/effective';
export type { PolicyCheck, PolicyProblem, TestAssertion } from '@/lib/domain/acl/check';
export type { Topology } from '@/lib/domain/policy/tailscale/topology';

export interface SavedPolicy {
  text: string;
  etag: string;
}

export type { AclVersionSummaryView as VersionSummary, AclVersionView as Version, AclSaved } from '@/lib/dialects/console/acl';
export type { PreviewMatch as PolicyMatch } from '@/lib/domain/acl/preview';
