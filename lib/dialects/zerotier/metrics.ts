// ZeroTier-style Prometheus text for /metrics asked with the metrics token.
type Figures = Awaited<ReturnType<typeof import('../../domain/zerotier/metrics').installationFigures>>;

export function renderZtMetrics(f: Figures): string {
  const out: string[] = [];
  const gauge = (name: string, help: string, rows: [string, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, v] of rows) out.push(`${name}${labels} ${v}`);
  };
  gauge('zt_controller_network_count', 'number of networks the controller is serving', [['', f.networks.length]]);
  gauge('zt_controller_member_count', 'number of network members the controller is serving', [['', f.networks.reduce((s, n) => s + n.members, 0)]]);
  gauge('zt_controller_network_member_count', 'number of members per network', f.networks.map((n) => [`{network_id="${n.nwid}"}`, n.members]));
  gauge('zt_controller_network_authorized_member_count', 'number of authorized members per network', f.networks.map((n) => [`{network_id="${n.nwid}"}`, n.authorized]));
  gauge('zt_network_num_joined', 'number of networks this instance is joined to', [['', f.joined]]);
  gauge('zt_peer_count', 'number of ZeroTier nodes known (members of hosted networks)', [['', f.peers]]);
  gauge('zt_moon_count', 'number of moons orbited', [['', f.moons]]);
  return out.join('\n') + '\n';
}
