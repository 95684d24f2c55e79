// HuJSON beyond the Go test tables: bytes that are not UTF-8, byte columns, pointers and line
// numbers, the meshdeck helpers (toJSONValue), patch edge cases, deep nesting and a 5,000-line policy.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/domain/errors';
import {
  HujsonError,
  HujsonSyntaxError,
  MAX_DEPTH,
  clone,
  find,
  format,
  formatText,
  isStandard,
  lineLocator,
  lineOfPath,
  minimize,
  pack,
  packText,
  parse,
  patch,
  patchText,
  standardize,
  standardizeText,
  toJSONValue,
} from '@/lib/domain/hujson';
import { policyDocument } from '../support/hujson-policy';

const errorOf = (fn: () => unknown): HujsonError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof HujsonError) return e;
    throw e;
  }
  throw new Error('expected a HujsonError');
};

const POLICY = `// meshdeck policy
{
	"groups": {
		"group:dev": ["alice@example.com", "bob@example.com",], // developers
	},
	/* hosts */
	"hosts": {"db": "100.64.0.9"},
	"acls": [
		{"action": "accept", "src": ["group:dev"], "dst": ["db:5432"]},
		// ssh for admins
		{
			"action": "accept",
			"src":    ["autogroup:admin"],
			"dst":    ["*:22"],
		},
	],
	"a/b": {"c~d": 1},
}
`;

describe('hujson parse and pack', () => {
  it('round-trips bytes that are not valid UTF-8 inside strings, byte for byte', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6b, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x2c, 0x7d, 0x20, 0x2f, 0x2f, 0xc3, 0xa9, 0x0a]);
    const v = parse(bytes);
    expect(pack(v)).toEqual(bytes);
    expect(toJSONValue(bytes)).toEqual({ k: '\ufffd\ufffd' });
    // A truncated sequence is replaced byte by byte, as Go does.
    expect(toJSONValue(new Uint8Array([0x22, 0xe2, 0x82, 0x61, 0x22]))).toBe('\ufffd\ufffda');
    expect(isStandard(v)).toBe(false);
  });

  it('counts columns in bytes, as Go does', () => {
    const e = errorOf(() => parse('{"é": "ü" x}'));
    // "é" and "ü" are two bytes each: the x is the 13th byte (11th character).
    expect(e.message).toBe("hujson: line 1, column 13: invalid character 'x' after object value (expecting ',' or '}')");
    expect([e.line, e.column, e.offset]).toEqual([1, 13, 12]);
  });

  it('reports lines and the partially built value of a failed parse', () => {
    const e = errorOf(() => parse('{\n  "a": 1,\n  "b": tru\n}'));
    expect(e.message).toBe('hujson: line 3, column 8: invalid literal: tru');
    expect(e.partial?.value?.type).toBe('object');
    expect(errorOf(() => parse('')).message).toBe('hujson: line 1, column 1: parsing value: unexpected EOF');
    expect(errorOf(() => parse('\u0001')).message).toBe("hujson: line 1, column 1: invalid character '\\x01' at start of value");
    expect(errorOf(() => parse('["a\nb"]')).message).toBe('hujson: line 1, column 2: invalid literal: "a\nb"');
    expect(errorOf(() => parse('[1 /* open')).message).toBe('hujson: line 1, column 4: parsing comment: unexpected EOF');
  });

  it('keeps offsets: standardize changes no line number or byte offset', () => {
    const v = parse(POLICY);
    const std = standardizeText(POLICY);
    expect(std.length).toBe(POLICY.length);
    expect(std.split('\n').length).toBe(POLICY.split('\n').length);
    expect(JSON.parse(std)).toEqual(toJSONValue(POLICY));
    expect(isStandard(parse(std))).toBe(true);
    expect(packText(minimize(clone(v)))).toBe(JSON.stringify(JSON.parse(std)));
    // The original tree is untouched by operations on a clone.
    expect(packText(v)).toBe(POLICY);
  });
});

describe('hujson toJSONValue', () => {
  it('returns the JSON value; duplicate names keep the last one, like Go', () => {
    expect(toJSONValue('{"a": 1, "a": 2, /* c */ "b": [true, null,],}')).toEqual({ a: 2, b: [true, null] });
  });

  it('throws a ValidationError with Go’s message, line and column', () => {
    let err: unknown;
    try {
      toJSONValue('{\n\t"acls": [\n\t\t{"action": accept},\n\t],\n}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toBeInstanceOf(HujsonSyntaxError);
    const e = err as HujsonSyntaxError;
    expect(e.message).toBe('hujson: line 3, column 14: invalid literal: accept');
    expect([e.line, e.column, e.kind]).toEqual([3, 14, 'parse']);
  });
});

describe('hujson pointers and line numbers', () => {
  it('finds values and the line they start on', () => {
    const v = parse(POLICY);
    expect(lineOfPath(v, '')).toBe(2);
    expect(lineOfPath(v, '/groups/group:dev/1')).toBe(4);
    expect(lineOfPath(v, '/acls/0')).toBe(9);
    expect(lineOfPath(v, '/acls/1')).toBe(11);
    expect(lineOfPath(v, '/acls/1/dst/0')).toBe(14);
    expect(lineOfPath(v, '/a~1b/c~0d')).toBe(17);
    expect(lineOfPath(v, '/acls/2')).toBeUndefined();
    expect(lineOfPath(v, '/nope')).toBeUndefined();
    expect(lineOfPath(v, 'acls')).toBeUndefined();
    expect(find(v, '/hosts/db')?.value).toEqual({ type: 'literal', text: '"100.64.0.9"' });
  });

  it('follows changes made by a patch', () => {
    const v = parse(POLICY);
    patch(v, '[{"op": "remove", "path": "/acls/0"}]');
    const line = lineLocator(v);
    expect(line('/acls/0')).toBe(10);
    expect(line('/acls/0/action')).toBe(11);
  });
});

describe('hujson patch', () => {
  it('keeps comments and layout of untouched parts', () => {
    const out = patchText(POLICY, '[{"op": "add", "path": "/acls/-", "value": {"action": "accept", "src": ["*"], "dst": ["*:*"]}}]');
    // Everything before the insertion point and after it is unchanged; the value is inserted as is.
    const end = POLICY.indexOf('\n\t],');
    expect(out).toBe(POLICY.slice(0, end) + '{"action": "accept", "src": ["*"], "dst": ["*:*"]}' + POLICY.slice(end));
    expect((toJSONValue(out) as { acls: unknown[] }).acls).toHaveLength(3);
    // Formatting afterwards gives the canonical layout, which is stable.
    expect(formatText(formatText(out))).toBe(formatText(out));
  });

  it('answers with Go’s errors and leaves patchText input untouched', () => {
    const cases: [string, string][] = [
      ['[{"op": "remove", "path": "/acls/x"}]', 'hujson: patch operation 0: invalid array index: x'],
      ['[{"op": "remove", "path": "/acls/00"}]', 'hujson: patch operation 0: invalid array index: 00'],
      ['[{"op": "remove", "path": "/hosts/db/x"}]', 'hujson: patch operation 0: invalid pointer: cannot index into literal at /hosts/db'],
      ['[{"op": "remove", "path": "hosts"}]', 'hujson: patch operation 0: invalid pointer: lacks a forward slash prefix'],
      ['[{"op": "test", "path": "/hosts/db", "value": "x\\n"}, {"op": "x"}]', 'hujson: patch operation 1: unknown operation "x"'],
      ['[{"op": "test", "path": "/hosts/db", "value": "\\u00e9\\n"}]', 'hujson: patch operation 0: values differ at "/hosts/db"'],
    ];
    for (const [p, message] of cases) {
      const e = errorOf(() => patchText(POLICY, p));
      expect(e.message).toBe(message);
    }
  });

  it('keeps Go’s quirks: a null never tests equal; an index past the end appends', () => {
    expect(errorOf(() => patchText('{"a": null}', '[{"op": "test", "path": "/a", "value": null}]')).message).toBe('hujson: patch operation 0: values differ at "/a"');
    expect(patchText('[1]', '[{"op": "add", "path": "/5", "value": 2}]')).toBe('[1,2]');
    // Like strconv.ParseUint, leading zeros are accepted in array indexes ("01" is 1).
    expect(patchText('[1, 2]', '[{"op": "test", "path": "/01", "value": 2.0}]')).toBe('[1, 2]');
  });

  it('brings comments along with moved members', () => {
    const doc = '{\n\t// about a\n\t"a": 1, // a\n\t"b": 2,\n}';
    const out = patchText(doc, '[{"op": "move", "from": "/a", "path": "/c"}]');
    expect(out).toContain('// about a');
    expect(toJSONValue(out)).toEqual({ b: 2, c: 1 });
  });
});

describe('hujson format', () => {
  it('is idempotent, keeps comments, and keeps standard JSON standard', () => {
    const once = formatText(POLICY);
    expect(formatText(once)).toBe(once);
    expect(once).toContain('// ssh for admins');
    expect(toJSONValue(once)).toEqual(toJSONValue(POLICY));
    const std = formatText('{"a":[1,2],"b":{"c":\n"d"}}');
    expect(isStandard(parse(std))).toBe(true);
  });

  it('normalizes Windows line endings', () => {
    expect(formatText('{\r\n"a": 1, // x\r\n}')).toBe('{\n\t"a": 1, // x\n}\n');
  });
});

describe('hujson limits and size', () => {
  it(`handles ${MAX_DEPTH} levels in every operation and rejects one more with an error`, () => {
    for (const [open, close] of [['[', ']'], ['{"k":', '}']]) {
      const text = open.repeat(MAX_DEPTH) + '0' + close.repeat(MAX_DEPTH);
      const v = parse(text);
      expect(packText(v)).toBe(text);
      expect(isStandard(v)).toBe(true);
      expect(packText(standardize(clone(v)))).toBe(text);
      expect(packText(minimize(clone(v)))).toBe(text);
      expect(JSON.parse(packText(format(clone(v))))).toEqual(JSON.parse(text)); // expanded: lines exceed 80 bytes
      expect(toJSONValue(text)).toBeTruthy();
      const step = open === '[' ? '/0' : '/k';
      patch(v, `[{"op": "test", "path": "${step.repeat(MAX_DEPTH)}", "value": 0}, {"op": "remove", "path": "${step.repeat(MAX_DEPTH - 1)}"}]`);
      expect(packText(v) === open.repeat(MAX_DEPTH - 2) + (open === '[' ? '[]' : '{}') + close.repeat(MAX_DEPTH - 2)).toBe(true);
      const e = errorOf(() => parse(open + text + close));
      expect(e.message).toMatch(/^hujson: line 1, column \d+: exceeded max depth$/);
    }
  });

  it('validates a 5,000-line policy document within 200 ms', () => {
    const doc = policyDocument(5000);
    expect(doc.split('\n').length).toBeGreaterThanOrEqual(5000);
    toJSONValue(doc); // warm-up
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const v = parse(doc);
      standardize(v);
      JSON.parse(packText(v));
      best = Math.min(best, performance.now() - t);
    }
    console.log(`hujson: parse + standardize + JSON.parse of a ${doc.split('\n').length}-line policy: ${best.toFixed(1)} ms`);
    expect(best).toBeLessThan(200);
    expect(packText(parse(doc))).toBe(doc);
    expect((toJSONValue(doc) as { acls: unknown[] }).acls.length).toBeGreaterThan(600);
  });
});
