// ZeroTier controller objects as /controller and /unstable/controller answer them (fields the
// console shows or edits).
export interface ZtNetwork {
  id: string;
  name: string;
  private: boolean;
  creationTime: number;
  routes: { target: string; via: string | null }[];
  ipAssignmentPools: { ipRangeStart: string; ipRangeEnd: string }[];
  v4AssignMode: { zt?: boolean };
  totalMemberCount?: number;
  authorizedMemberCount?: number;
}

export interface ZtMember {
  id: string;
  address: string;
  name: string;
  authorized: boolean;
  ipAssignments: string[];
  creationTime: number;
  lastAuthorizedTime: number;
}

export interface NetworkDraft {
  name: string;
  private: boolean;
  /** One IPv4 network whose addresses ZeroTier assigns to members; empty for none. */
  cidr: string;
}

/** The managed IPv4 network of a ZeroTier network: its first IPv4 route, as the console sets it. */
export const cidrOf = (n: ZtNetwork) => n.routes.find((r) => r.via === null && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(r.target))?.target ?? '';
