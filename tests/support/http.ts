// One JSON request against the test server, for the dialect test clients: sends the body as JSON
// (or as given, when a string), answers with the status, headers and the parsed body (the raw text
// when it is not JSON).
import { baseUrl } from './fixtures';

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function sendJson<T = any>(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<CallResult<T>> {
  const r = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: r.status, body: parsed as T, headers: r.headers };
}
