// next-auth takes the request's Host header as the console's origin when AUTH_TRUST_HOST is set.
// meshdeck sets it only when NEXTAUTH_URL does not pin the origin: with NEXTAUTH_URL set, redirects
// and OIDC callbacks must never follow a Host header a client chose.
import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { url: process.env.NEXTAUTH_URL, trust: process.env.AUTH_TRUST_HOST };

afterEach(() => {
  for (const [k, v] of [['NEXTAUTH_URL', saved.url], ['AUTH_TRUST_HOST', saved.trust]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
});

describe('AUTH_TRUST_HOST', () => {
  it('stays unset when NEXTAUTH_URL pins the origin', async () => {
    process.env.NEXTAUTH_URL = 'https://meshdeck.example.test';
    delete process.env.AUTH_TRUST_HOST;
    vi.resetModules();
    await import('@/lib/server/auth-options');
    expect(process.env.AUTH_TRUST_HOST).toBeUndefined();
  });

  it('is set without NEXTAUTH_URL, so the console works on any host and port', async () => {
    delete process.env.NEXTAUTH_URL;
    delete process.env.AUTH_TRUST_HOST;
    vi.resetModules();
    await import('@/lib/server/auth-options');
    expect(process.env.AUTH_TRUST_HOST).toBe('true');
  });
});
