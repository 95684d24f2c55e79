import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, crc32Combine, gzipChunks } from '../../lib/http/gzip-chunks';

/** Deterministic pseudo-random bytes, some compressible (JSON-like), some not. */
function chunk(seed: number, size: number, text = seed % 2 === 0): Buffer {
  let x = seed * 2654435761 + 1;
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = text ? '{"id":"peer-","ip":"100.64.0.1"},'.charCodeAt((x >>> 16) % 33) : x >>> 24;
  }
  return b;
}

describe('gzip of reused chunks', () => {
  it('inflates to the chunks joined, for sizes from empty to large', () => {
    for (const sizes of [[1], [0, 5, 0], [300_000], [1, 2, 3, 70_000, 1, 65_536, 65_537], Array.from({ length: 120 }, (_, i) => (i * 7919) % 9000)]) {
      const chunks = sizes.map((n, i) => chunk(i + n, n));
      const gz = Buffer.concat(gzipChunks(chunks));
      expect(gunzipSync(gz).equals(Buffer.concat(chunks))).toBe(true);
      // The trailer: CRC-32 and length of the whole.
      expect(gz.readUInt32LE(gz.length - 8)).toBe(crc32(Buffer.concat(chunks)));
      expect(gz.readUInt32LE(gz.length - 4)).toBe(Buffer.concat(chunks).length);
    }
  });

  it('an empty list is a valid empty gzip member', () => {
    expect(gunzipSync(Buffer.concat(gzipChunks([]))).length).toBe(0);
  });

  it('combines CRCs as the CRC of the joined bytes', () => {
    for (let i = 1; i < 40; i++) {
      const a = chunk(i, i * 37);
      const b = chunk(i + 100, (i * 1013) % 5000);
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    }
  });

  it('compresses a chunk once while it lives, and only the new chunk of a changed list', () => {
    const chunks = Array.from({ length: 10 }, (_, i) => chunk(i * 2, 20_000));
    const first = gzipChunks(chunks);
    const changed = [...chunks];
    changed[4] = chunk(999 * 2, 20_000);
    const second = gzipChunks(changed);
    // Header, ten segments, final block, trailer: the segments of unchanged chunks are the same buffers.
    for (let i = 0; i < 10; i++) expect(second[i + 1] === first[i + 1]).toBe(i !== 4);
    expect(gunzipSync(Buffer.concat(second)).equals(Buffer.concat(changed))).toBe(true);
    // The same list again: the same answer.
    expect(gzipChunks(changed)).toBe(second);
    // JSON-like text shrinks.
    expect(Buffer.concat(second).length).toBeLessThan(Buffer.concat(changed).length / 3);
  });

  it('reads Accept-Encoding as RFC 9110 says', () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0, gzip')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
  });
});
