// NetBird's Network, NetworkResource and NetworkRouter as the console reads them.
export interface Network {
  id: string;
  name: string;
  description: string;
  routers: string[];
  resources: string[];
  routing_peers_count: number;
  policies: string[];
}

export interface NetworkResource {
  id: string;
  type: string;
  name: string;
  description: string;
  address: string;
  enabled: boolean;
  groups: { id: string; name: string }[];
}

export interface NetworkRouter {
  id: string;
  peer?: string;
  peer_groups?: string[];
  metric: number;
  masquerade: boolean;
  enabled: boolean;
}
