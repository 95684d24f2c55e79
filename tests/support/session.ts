// Signs in to the console the way a browser does (next-auth credentials flow) and returns the cookies.
import { baseUrl } from './fixtures';

function cookiesFrom(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** `base`: the server (default the shared test server). */
export async function signIn(email: string, password: string, headers: Record<string, string> = {}, base = baseUrl()): Promise<{ ok: boolean; jar: Map<string, string>; error?: string; status: number }> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrfRes, jar);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(jar), ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: '/app' }),
  });
  cookiesFrom(res, jar);
  const location = res.headers.get('location') ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? '';
  const error = new URL(location, base).searchParams.get('error') ?? undefined;
  return { ok: [...jar.keys()].some((k) => k.endsWith('next-auth.session-token')), jar, error, status: res.status };
}
