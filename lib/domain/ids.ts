// Object ids in NetBird's format: 20-character xids (12 bytes: seconds, 5 random bytes, counter),
// encoded in base32hex lowercase, e.g. "ch8i4ug6lnn4g9hqv7l0". They sort by creation time.
import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const machine = randomBytes(5);
let counter = randomInt(0, 0xffffff);

export function newId(now = Date.now()): string {
  const b = Buffer.alloc(12);
  b.writeUInt32BE(Math.floor(now / 1000) >>> 0, 0);
  machine.copy(b, 4);
  counter = (counter + 1) & 0xffffff;
  b[9] = counter >> 16;
  b[10] = (counter >> 8) & 0xff;
  b[11] = counter & 0xff;
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out + ALPHABET[(value << (5 - bits)) & 31];
}

export const ID_PATTERN = /^[0-9a-v]{20}$/;

/** When an xid was made (its first 32 bits are Unix seconds); the epoch for ids that are not xids. */
export function timeOfId(id: string): Date {
  if (!ID_PATTERN.test(id)) return new Date(0);
  // The first 7 characters carry 35 bits: the 32 bits of seconds and 3 bits of what follows.
  let v = 0;
  for (const c of id.slice(0, 7)) v = v * 32 + ALPHABET.indexOf(c);
  return new Date(Math.floor(v / 8) * 1000);
}
