// The ZeroTier network form's draft, and the managed network of a controller network.
import type { ZtNetwork } from '@/lib/dialects/zerotier/controller';

export interface NetworkDraft {
  name: string;
  private: boolean;
  /** One IPv4 network whose addresses ZeroTier assigns to members; empty for none. */
  cidr: string;
}

/** The managed IPv4 network of a ZeroTier network: its first IPv4 route, as the console sets it. */
export const cidrOf = (n: ZtNetwork) => n.routes.find((r) => r.via === null && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(r.target))?.target ?? '';
