// The one hook meshdeck has on its HTTP server before Next.js handles a request: it stamps the
// socket's peer address (client-address.ts) and admits anonymous work through its lane
// (admission.ts); and on its responses, the headers of bodies sent already encoded (encoded-bodies.ts).
// Next.js' own server emits 'request' on the http.Server; wrapping that emit is the
// only place that sees the socket and can hold a request without Next.js spending work on it.
import http from 'node:http';
import { admit } from './admission';
import { stampPeer } from './client-address';
import { installEncodedBodies } from './encoded-bodies';

const holder = globalThis as unknown as { __meshdeckRequestHook?: boolean };

/** Called once at start (instrumentation), before any request is served. */
export function installRequestHook() {
  if (holder.__meshdeckRequestHook) return;
  holder.__meshdeckRequestHook = true;
  installEncodedBodies();
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    stampPeer(req);
    admit(req, res, () => emit.call(this, event, ...args));
    return true;
  } as typeof http.Server.prototype.emit;
}
