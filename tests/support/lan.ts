// A LAN behind a routing peer, for the network tests: a namespace of its own wired to the router's
// namespace only (198.19.N.0/24, N the lab's subnet), whose host has no route back to the mesh — only
// masquerading by the router lets it answer — and a TCP listener on it that answers
// "ok <port> from <the address it sees>".
import { spawn, type ChildProcess } from 'node:child_process';
import { must, type Lab, type Namespace } from './netns';

const LAN_LISTENER = `
const net = require('node:net');
for (const port of process.argv.slice(1).map(Number)) {
  net.createServer((s) => { s.end('ok ' + port + ' from ' + s.remoteAddress.replace(/^::ffff:/, '')); s.on('error', () => {}); }).listen(port, '0.0.0.0');
}
process.stdout.write('listening\\n');
`;

export interface Lan {
  ns: Namespace;
  /** The LAN's prefix, its host, and the router's address on it. */
  net: string;
  host: string;
  routerIp: string;
  /** The listener (kill it at the end). */
  listener: ChildProcess;
}

/** The LAN behind `router`, its host listening on `ports`; the namespace goes with the lab. */
export async function addLan(lab: Lab, router: Namespace, ports: number[]): Promise<Lan> {
  const third = lab.subnet.split('.')[2];
  const net = `198.19.${third}.0/24`;
  const routerIp = `198.19.${third}.1`;
  const host = `198.19.${third}.10`;
  const ns: Namespace = { name: `${lab.prefix}-lan`, ip: host, wgName: '' };
  await must('ip', ['netns', 'add', ns.name]);
  await lab.run(router, 'ip', ['link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.name]);
  await lab.run(router, 'ip', ['address', 'add', `${routerIp}/24`, 'dev', 'lan0']);
  await lab.run(router, 'ip', ['link', 'set', 'dev', 'lan0', 'up']);
  await lab.run(ns, 'ip', ['address', 'add', `${host}/24`, 'dev', 'eth0']);
  await lab.run(ns, 'ip', ['link', 'set', 'dev', 'eth0', 'up']);
  await lab.run(ns, 'ip', ['link', 'set', 'dev', 'lo', 'up']);
  const listener = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '-e', LAN_LISTENER, ...ports.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    listener.stdout?.once('data', () => resolve());
    listener.once('exit', (code) => reject(new Error(`LAN listener exited with ${code}`)));
  });
  return { ns, net, host, routerIp, listener };
}
