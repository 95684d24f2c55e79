import { compileTailscalePolicy, isCompileError } from '../lib/domain/policy/tailscale/compile';
import { TailscaleMaps } from '../lib/domain/policy/tailscale/netmap';
const PEERS=10000, RULES=500, GROUPS=50;
const ip = (n: number) => `100.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
  const users = Array.from({ length: 200 }, (_, u) => ({ id: u + 1, name: `user${u}`, email: `user${u}@example.com`, role: u === 0 ? 'owner' : 'member' }));
  const nodes = Array.from({ length: PEERS }, (_, n) => {
    const tagged = n % 4 === 0;
    return { name: `node${n}`, hostname: `node${n}`, tags: tagged ? [`tag:t${n % 20}`] : [], ipv4: ip(n + 1), user: tagged ? undefined : `user${n % 200}`, approvedRoutes: [] };
  });
  const groups = Object.fromEntries(Array.from({ length: GROUPS }, (_, g) => [`group:g${g}`, users.filter((_, u) => u % GROUPS === g).map((u) => u.email)]));
  const tagOwners = Object.fromEntries(Array.from({ length: 20 }, (_, t) => [`tag:t${t}`, ['user0@example.com']]));
  const acls = Array.from({ length: RULES }, (_, r) => ({ action: 'accept', src: [`group:g${r % GROUPS}`], dst: [r % 2 ? `tag:t${r % 20}:${1000 + r}` : `group:g${(r * 7) % GROUPS}:*`] }));
let t=performance.now(); let cpu=process.cpuUsage(); const c_=()=>{const d=process.cpuUsage(cpu); cpu=process.cpuUsage(); return ((d.user+d.system)/1000).toFixed(0)+'cpu'};
const c = compileTailscalePolicy({ groups, tagOwners, acls }, { users, nodes });
console.log('compile', performance.now()-t, c_());
if (isCompileError(c)) throw new Error(c.error);
const maps = new TailscaleMaps(c);
t=performance.now(); let n=0;
const N=Number(process.argv[2]??20);
for (let i=0;i<N;i++){ n+=maps.filter(`node${(i*499)%PEERS}`).length; }
console.log('filters', N, performance.now()-t, n, c_());
t=performance.now();
for (let i=0;i<Math.min(N,3);i++){ n+=(maps.peers(`node${(i*499)%PEERS}`)).length; }
console.log('peers', Math.min(N,3), performance.now()-t, n, c_());
