// Next.js drops Content-Encoding and Content-Length from a route handler's Response (its
// sendResponse guards against bodies that fetch decoded on the way), so a route that sends bytes it
// already gzipped (lib/http/gzip-chunks.ts) names them in private headers, and this hook on Node's
// responses turns them back into the real ones as the headers are written. Routes only gzip when the
// hook is installed (`encodedBodiesInstalled`), so a server without it never sends gzip unmarked.
import http from 'node:http';

export const ENCODING_HEADER = 'x-meshdeck-content-encoding';
export const LENGTH_HEADER = 'x-meshdeck-content-length';

const holder = globalThis as unknown as { __meshdeckEncodedBodies?: boolean };

export const encodedBodiesInstalled = () => holder.__meshdeckEncodedBodies === true;

/** Called once at start (instrumentation, through the request hook). */
export function installEncodedBodies() {
  if (holder.__meshdeckEncodedBodies) return;
  holder.__meshdeckEncodedBodies = true;
  const writeHead = http.ServerResponse.prototype.writeHead as (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;
  http.ServerResponse.prototype.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const encoding = this.getHeader(ENCODING_HEADER);
    if (encoding !== undefined) {
      const length = this.getHeader(LENGTH_HEADER);
      this.removeHeader(ENCODING_HEADER);
      this.removeHeader(LENGTH_HEADER);
      this.setHeader('Content-Encoding', String(encoding));
      if (length !== undefined) {
        this.removeHeader('Transfer-Encoding');
        this.setHeader('Content-Length', String(length));
      }
    }
    return writeHead.apply(this, args);
  } as typeof http.ServerResponse.prototype.writeHead;
}
