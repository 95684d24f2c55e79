// The policy engine's one intermediate form. NetBird policies and the Tailscale-style ACL document
// both compile to these rules; everything that shows or enforces access (accessible-peers, the agent
// network map, ACL previews) evaluates only this. See docs/policy-model.md.

/** Who a rule applies to. A peer matches when any part matches. */
export interface Selector {
  /** Every peer of the account (NetBird's All group, Tailscale's "*"). */
  all: boolean;
  groups: string[];
  peers: string[];
  /** Addresses that are not peers (network resources, subnets, host aliases). */
  cidrs: string[];
  /** Tailscale's autogroup:self: the other devices of the same user as the peer on the other end. */
  self?: boolean;
  /** Tailscale's autogroup:internet: public addresses, reached through exit nodes. */
  internet?: boolean;
  /** Tailscale's autogroup:danger-all: every address, inside the tailnet or not. */
  anyAddress?: boolean;
}

export interface PortRange {
  first: number;
  last: number;
}

export type RuleOrigin =
  | { kind: 'netbird'; policyId: string; policyName: string; ruleId: string; ruleName: string }
  | { kind: 'acl'; index: number; line?: number }
  | { kind: 'grant'; index: number };

export interface Rule {
  id: string;
  origin: RuleOrigin;
  action: 'accept' | 'drop';
  src: Selector;
  dst: Selector;
  /** IANA protocol numbers; empty = any protocol. */
  protocols: number[];
  /** Destination ports; empty = every port. */
  ports: PortRange[];
  /** Also applies with src and dst swapped. */
  bidirectional: boolean;
  /** Tailscale grants' "via": only routers carrying one of these tags carry the traffic. */
  via?: string[];
  /** Tailscale grants' application capabilities ("app"), granted to src on dst. */
  app?: Record<string, unknown[]>;
}

export const ALL_PORTS: PortRange = { first: 0, last: 65535 };

export const emptySelector = (): Selector => ({ all: false, groups: [], peers: [], cidrs: [] });
