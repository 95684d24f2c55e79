import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { netbird } from '@/lib/http/dialects/netbird';
import { route } from '@/lib/http/route';

// The agent as one file (scripts/build-agent.mjs, part of `npm run build`), for machines joining
// without this repository: `curl -fsSL <server>/agent/meshdeck-agent.mjs -o meshdeck-agent.mjs`.
// No authentication: the file holds no secret, and a machine has only its setup key at this point.
// Read once and kept (about 40 KB); a new build comes with a restart of the server anyway.
const FILE = join(/*turbopackIgnore: true*/ process.cwd(), 'dist/meshdeck-agent.mjs');

let built: { body: Buffer; etag: string } | null = null;

function agentFile(): typeof built {
  if (built) return built;
  let body: Buffer;
  try {
    body = readFileSync(FILE);
  } catch {
    // Not cached: building it later (node scripts/build-agent.mjs) needs no restart.
    return null;
  }
  built = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  return built;
}

export const GET = route({ dialect: netbird, permission: 'public' }, async ({ req }) => {
  const file = agentFile();
  if (!file) {
    return new Response('meshdeck-agent.mjs is not built on this server: run `npm run build` (or `node scripts/build-agent.mjs`) in its project folder\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  // Revalidated on every use: the agent changes when the server is upgraded.
  const headers = { ETag: file.etag, 'Cache-Control': 'no-cache' };
  const seen = req.headers.get('if-none-match');
  if (seen && seen.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' } });
});
