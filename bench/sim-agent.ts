// A simulated agent for the push benchmark: what the meshdeck agent does on the wire, without
// WireGuard — one kept-alive connection long-polling `GET /api/agent/sync?serial=N&wait=25&base=V`
// and sending the next request as soon as one is answered (docs/agent-protocol.md, "Push" and
// "Deltas"): it names the version of the map it holds, and gets nothing while that map stays the
// same, a delta when it changed. One process runs thousands, so an answer is read as bytes (the
// serial and version come in headers), and only the answers of agents the benchmark inspects are
// parsed (for their packet filter's ports: a full map's, or a delta's when it carries one).
import http from 'node:http';

/** Seconds a long-poll may wait, as the agent asks (agent/up.ts). */
export const WAIT_SECONDS = 25;

export interface Answer {
  status: number;
  /** Bytes on the wire: status line, headers and body (chunk framing included). */
  bytes: number;
  /** When it was read whole (Date.now()) and how long the request was open. */
  at: number;
  heldMs: number;
}

export interface SimAgent {
  peerId: string;
  token: string;
  /** Parse maps (to check what changed); the others' maps are only counted. */
  inspect: boolean;
  /** The serial of the map it holds; null before the first. */
  serial: number | null;
  /** The version of the map it holds (X-Meshdeck-Map); null before the first. */
  version: string | null;
  /** The destination ports of its packet filter (inspected agents only). */
  ports: Set<number>;
  answers: Answer[];
  /** Its own connection, as a machine has (and so its own socket for the byte count). */
  connection: http.Agent;
}

export function simAgent(peerId: string, token: string, inspect: boolean): SimAgent {
  return { peerId, token, inspect, serial: null, version: null, ports: new Set(), answers: [], connection: new http.Agent({ keepAlive: true, maxSockets: 1 }) };
}

type Filter = { DstPorts: { Ports: { First: number } }[] }[];

/**
 * Takes in an answer: the serial and version it names (200 and 304 alike), and, when the agent is
 * inspected, the packet filter's ports of a full map or of a delta that carries the filter.
 */
function readAnswer(agent: SimAgent, status: number, headers: http.IncomingHttpHeaders, body: Buffer | null) {
  const version = headers['x-meshdeck-map'];
  const serial = headers['x-meshdeck-serial'];
  if (typeof version !== 'string' || typeof serial !== 'string') throw new Error(`HTTP ${status} without X-Meshdeck-Map and X-Meshdeck-Serial`);
  agent.version = version;
  agent.serial = Number(serial);
  if (status !== 200 || !body) return;
  const answer = JSON.parse(body.toString()) as { packet_filter?: Filter; delta?: { packet_filter?: Filter } };
  const filter = answer.delta ? answer.delta.packet_filter : answer.packet_filter;
  if (filter) agent.ports = new Set(filter.flatMap((r) => r.DstPorts.map((d) => d.Ports.First)));
}

/**
 * One request as the agent sends it: the first with an empty base (the whole map at once), then
 * with the held map's serial and version and a wait. Retried once when a kept-alive socket turns
 * out closed.
 */
export function pollOnce(base: string, agent: SimAgent, signal: AbortSignal, retried = false): Promise<Answer> {
  const query = agent.version === null ? '?base=' : `?serial=${agent.serial}&wait=${WAIT_SECONDS}&base=${encodeURIComponent(agent.version)}`;
  const started = Date.now();
  return new Promise<Answer>((resolve, reject) => {
    let before = 0;
    const req = http.get(`${base}/api/agent/sync${query}`, { agent: agent.connection, signal, headers: { Authorization: `Bearer ${agent.token}` } }, (res) => {
      const status = res.statusCode!;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (agent.inspect || (status !== 200 && status !== 304)) chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        if (status !== 200 && status !== 304) return reject(new Error(`GET /api/agent/sync${query}: HTTP ${status} ${Buffer.concat(chunks).toString().slice(0, 300)}`));
        try {
          readAnswer(agent, status, res.headers, agent.inspect ? Buffer.concat(chunks) : null);
        } catch (e) {
          return reject(e);
        }
        resolve({ status, bytes: (req.socket?.bytesRead ?? 0) - before, at: Date.now(), heldMs: Date.now() - started });
      });
    });
    req.on('socket', (s) => (before = s.bytesRead));
    req.setTimeout((WAIT_SECONDS + 30) * 1000, () => req.destroy(new Error('no answer within the wait and 30 s')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) resolve(pollOnce(base, agent, signal, true));
      else reject(e);
    });
  });
}

/** Polls until `signal` aborts, keeping every answer; rejects on any error before that. */
export async function keepPolling(base: string, agent: SimAgent, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      agent.answers.push(await pollOnce(base, agent, signal));
    } catch (e) {
      if (signal.aborted) break;
      throw new Error(`simulated agent of peer ${agent.peerId}: ${(e as Error).message}`);
    }
  }
  agent.connection.destroy();
}

/** A 304 because the wait ran out: the protocol's heartbeat, not something a change sent. */
export const heartbeat = (a: Answer) => a.status === 304 && a.heldMs >= WAIT_SECONDS * 1000 - 1000;
