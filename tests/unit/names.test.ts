import { describe, expect, it } from 'vitest';
import { checkNameChars, unsafeNameChar } from '@/lib/domain/names';
import { ValidationError } from '@/lib/domain/errors';

describe('name characters', () => {
  it('finds C0/C1 controls, DEL, LRM/RLM, bidi embeddings, overrides and isolates', () => {
    for (const c of ['\u0000', '\u0009', '\u001F', '\u007F', '\u0080', '\u009F', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069']) {
      expect(unsafeNameChar(`a${c}b`), JSON.stringify(c)).toBe(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      expect(() => checkNameChars(`a${c}b`)).toThrow(ValidationError);
    }
  });
  it('lets letters of any script, emoji, ZWJ and ordinary punctuation pass', () => {
    for (const s of ['Büro', '東京', 'שלום', 'مرحبا', '👩‍💻', 'a-b_c.d (e) [f]', '\u00A0nbsp', '\u200D']) expect(unsafeNameChar(s), s).toBeUndefined();
  });
});
