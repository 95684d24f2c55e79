// Shapes the access-control page reads (see lib/dialects/console/acl.ts and the Tailscale
// preview answer).
export type { EffectiveView, AccessCell, GrantSource } from '@/lib/domain/acl/effective';
export type { PolicyCheck, PolicyProblem, TestAssertion } from '@/lib/domain/acl/check';
export type { Topology } from '@/lib/domain/policy/tailscale/topology';

export interface SavedPolicy {
  text: string;
  etag: string;
}

export interface VersionSummary {
  number: number;
  etag: string;
  author_id: string;
  author_name: string;
  message: string;
  created_at: string;
}

export interface Version extends VersionSummary {
  text: string;
}

export interface PolicyMatch {
  users: string[];
  ports: string[];
  lineNumber: number;
}
