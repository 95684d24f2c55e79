import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicOrigin } from '@/lib/http/origin';

// Next.js hands route handlers a URL on the address it listens on; links must name the one the client used.
const seen = new URL('http://localhost:3000/api/installation/accounts');
const req = (headers: Record<string, string>) => new Request('http://localhost:3000/api/installation/accounts', { headers });

describe('publicOrigin', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes the Host the client sent', () => {
    vi.stubEnv('MESHDECK_PUBLIC_URL', '');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(publicOrigin(req({ host: '127.0.0.1:3970' }), seen)).toBe('http://127.0.0.1:3970');
  });

  it('behind a proxy, the forwarded host and scheme (the first of a list)', () => {
    vi.stubEnv('MESHDECK_PUBLIC_URL', '');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(publicOrigin(req({ host: 'internal:3000', 'x-forwarded-host': 'mesh.example.com, other', 'x-forwarded-proto': 'https' }), seen)).toBe('https://mesh.example.com');
  });

  it('prefers the configured public URL, and falls back to what Next.js saw on nonsense', () => {
    vi.stubEnv('MESHDECK_PUBLIC_URL', 'https://mesh.example.org/');
    expect(publicOrigin(req({ host: 'evil.test' }), seen)).toBe('https://mesh.example.org');
    vi.stubEnv('MESHDECK_PUBLIC_URL', '');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(publicOrigin(req({ host: 'bad host/with space' }), seen)).toBe('http://localhost:3000');
    expect(publicOrigin(req({ host: 'x.test', 'x-forwarded-proto': 'javascript' }), seen)).toBe('http://localhost:3000');
  });
});
