// gzip for large answers made of reused byte chunks (a 25,000-peer listing is ~100 blocks of 256
// peers, and after one change all but one block are the same Buffer objects as before). Each chunk
// is deflated once, on its own, ending on a byte boundary (a sync flush, no final bit), and
// remembered for as long as the chunk object lives; an answer is a gzip header, the chunks'
// deflated segments in order, an empty final block and a trailer whose CRC-32 is combined from the
// chunks' CRCs. The result is one ordinary gzip member that any client inflates (RFC 1951/1952),
// about 10–20 times smaller than the JSON, built without compressing 22 MB per request.
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Segment {
  deflated: Buffer;
  crc: number;
  length: number;
}

const segments = new WeakMap<Uint8Array, Segment>();

// Level 1: a block compresses in ~0.3 ms; higher levels gain little on JSON and cost 2–3×.
const LEVEL = 1;

function segmentOf(chunk: Uint8Array): Segment {
  let s = segments.get(chunk);
  if (!s) {
    s = { deflated: deflateRawSync(chunk, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH }), crc: crc32(chunk), length: chunk.length };
    segments.set(chunk, s);
  }
  return s;
}

// ID1 ID2, CM = deflate, no flags, no mtime, XFL 0, OS 255 (unknown).
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// A final fixed-Huffman block holding only its end code: ends the deflate stream.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** Answers already gzipped, by the chunk list they were made of (a cached listing is the same list). */
const answers = new WeakMap<readonly Uint8Array[], Buffer[]>();

/** The chunks as one gzip member: the bytes, in pieces, that inflate to the chunks joined. */
export function gzipChunks(chunks: readonly Uint8Array[]): Buffer[] {
  let out = answers.get(chunks);
  if (!out) answers.set(chunks, (out = gzipOf(chunks)));
  return out;
}

function gzipOf(chunks: readonly Uint8Array[]): Buffer[] {
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  for (const chunk of chunks) {
    if (!chunk.length) continue;
    const s = segmentOf(chunk);
    out.push(s.deflated);
    crc = crc32Combine(crc, s.crc, s.length);
    length += s.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  out.push(FINAL_BLOCK, trailer);
  return out;
}

/** Whether an Accept-Encoding header allows gzip (named, or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') gzip = weight;
    else if (name.trim() === '*') any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}

// CRC-32 of two pieces joined, from the CRCs of each (zlib's crc32_combine): the first CRC is
// multiplied by x^(8·len2) modulo the CRC polynomial (reflected), then the second is added.
const POLY = 0xedb88320;

/** a·b modulo the polynomial, in zlib's reflected bit order. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0..31. */
const X2N: number[] = (() => {
  const t = [0x40000000];
  for (let n = 1; n < 32; n++) t.push(multModP(t[n - 1], t[n - 1]));
  return t;
})();

/** x^(len·8) modulo the polynomial. */
function xPowBytes(len: number): number {
  let p = 0x80000000;
  let k = 3;
  for (let n = len; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31], p);
  return p;
}

export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  return (multModP(xPowBytes(len2), crc1 >>> 0) ^ crc2) >>> 0;
}
