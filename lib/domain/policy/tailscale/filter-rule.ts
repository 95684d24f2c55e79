// One entry of a Tailscale packet filter (tailcfg.FilterRule), as the network maps carry it.
export interface NetPortRange {
  IP: string;
  Ports: { First: number; Last: number };
}

export interface TsFilterRule {
  SrcIPs: string[];
  DstPorts?: NetPortRange[];
  IPProto?: number[];
  CapGrant?: { Dsts: string[]; CapMap: Record<string, unknown[] | null> }[];
}
