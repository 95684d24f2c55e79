import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { check, parseJson, readText } from '@/lib/http/body';
import { presentedToken, sameOriginOk } from '@/lib/http/credentials';
import { PayloadTooLargeError, ValidationError } from '@/lib/domain/errors';

const url = (q = '') => new URL(`http://h/x${q}`);

describe('presented credentials', () => {
  it('reads every auth style', () => {
    expect(presentedToken(new Headers({ authorization: 'Token abc' }), url())).toEqual({ kind: 'token', token: 'abc', style: 'token' });
    expect(presentedToken(new Headers({ authorization: 'bearer abc' }), url())).toEqual({ kind: 'token', token: 'abc', style: 'bearer' });
    const basic = 'Basic ' + Buffer.from('abc:').toString('base64');
    expect(presentedToken(new Headers({ authorization: basic }), url())).toEqual({ kind: 'token', token: 'abc', style: 'basic' });
    expect(presentedToken(new Headers({ 'x-zt1-auth': 'abc' }), url())).toEqual({ kind: 'token', token: 'abc', style: 'zt1-header' });
    expect(presentedToken(new Headers(), url('?auth=abc'), true)).toEqual({ kind: 'token', token: 'abc', style: 'zt1-query' });
    // The query token counts only where the route allows it (ZeroTier's).
    expect(presentedToken(new Headers(), url('?auth=abc'))).toEqual({ kind: 'none' });
    expect(presentedToken(new Headers(), url())).toEqual({ kind: 'none' });
    expect(presentedToken(new Headers({ authorization: 'Bearer' }), url()).kind).toBe('malformed');
    expect(presentedToken(new Headers(), url('?auth='), true).kind).toBe('malformed');
  });

  it('checks the origin of cookie-authenticated writes', () => {
    expect(sameOriginOk('GET', new Headers())).toBe(true);
    expect(sameOriginOk('POST', new Headers({ host: 'a:3000', origin: 'http://a:3000' }))).toBe(true);
    expect(sameOriginOk('POST', new Headers({ host: 'a:3000', origin: 'http://b:3000' }))).toBe(false);
    expect(sameOriginOk('DELETE', new Headers({ host: 'a:3000' }))).toBe(false);
    expect(sameOriginOk('PUT', new Headers({ host: 'a', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(sameOriginOk('PUT', new Headers({ host: 'a', origin: 'null' }))).toBe(false);
  });
});

describe('bodies', () => {
  const schema = z.object({ name: z.string(), n: z.number().int(), kind: z.enum(['a', 'b']) });

  it('reports parse, type and value errors distinctly', () => {
    expect(() => parseJson('{')).toThrow(ValidationError);
    try {
      parseJson('');
    } catch (e) {
      expect((e as ValidationError).kind).toBe('parse');
    }
    const typeErr = (() => {
      try {
        check(schema, { name: 1, n: 1, kind: 'a' }, 'body');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(typeErr?.kind).toBe('type');
    expect(typeErr?.message).toContain('name');
    const valueErr = (() => {
      try {
        check(schema, { name: 'x', n: 1, kind: 'zzz' }, 'body');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(valueErr?.kind).toBe('value');
    expect(valueErr?.message).toContain('kind');
    expect(check(schema, { name: 'x', n: 2, kind: 'b' }, 'body')).toEqual({ name: 'x', n: 2, kind: 'b' });
  });

  it('caps body size even without Content-Length', async () => {
    const big = new Request('http://h/', { method: 'POST', body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array(2048)); c.close(); } }), duplex: 'half' } as RequestInit);
    await expect(readText(big, 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    const ok = new Request('http://h/', { method: 'POST', body: '{"a":1}' });
    expect(await readText(ok, 1024)).toBe('{"a":1}');
  });
});
