// Failed Ziti authentications are limited per client address and per user name (20 in 10 minutes,
// like console sign-ins): past that, POST /authenticate answers Ziti's 429 RATE_LIMITED, even for
// the right password, until the window passes. A success clears both counters. The per-name limit
// stops guessing from many addresses (or through a forged X-Forwarded-For).
import { CodedError } from '../domain/errors';
import { forget, hit, SIGN_IN_FAILURES as FAILURES, SIGN_IN_WINDOW_MS as WINDOW_MS, waitFor } from './rate-limit';

// Without a proxy header the address is unknown (Next.js hides the socket); one shared key would
// let anyone lock every client out, so only the user name counts then.
const keys = (ip: string, username: string | undefined) => [...(ip ? [`ziti-auth-ip:${ip}`] : []), ...(username ? [`ziti-auth-user:${username}`] : [])];

export async function limitedZitiAuth<T>(ip: string, username: string | undefined, attempt: () => Promise<T>): Promise<T> {
  const wait = Math.max(0, ...keys(ip, username).map((k) => waitFor(k, FAILURES, WINDOW_MS)));
  if (wait > 0) throw new CodedError(429, 'RATE_LIMITED', `The resource is rate limited and the rate limit has been exceeded. Please try again in ${wait} s`);
  try {
    const r = await attempt();
    for (const k of keys(ip, username)) forget(k);
    return r;
  } catch (e) {
    if (e instanceof CodedError && e.status === 401) for (const k of keys(ip, username)) hit(k, FAILURES, WINDOW_MS);
    throw e;
  }
}
