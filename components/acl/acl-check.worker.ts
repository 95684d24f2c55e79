// Runs the server's own policy check (lib/domain/acl/check.ts) off the main thread, so typing in a
// large document stays smooth. Messages: {topology} once, then {id, text}; answers {id, check, ms}.
import { checkPolicy } from '@/lib/domain/acl/check';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

let topology: Topology = { users: [], nodes: [] };

self.onmessage = (e: MessageEvent<{ topology?: Topology; id?: number; text?: string }>) => {
  if (e.data.topology) {
    topology = e.data.topology;
    return;
  }
  const started = performance.now();
  try {
    const check = checkPolicy(e.data.text ?? '', topology);
    self.postMessage({ id: e.data.id, check, ms: performance.now() - started });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: (err as Error).message });
  }
};
