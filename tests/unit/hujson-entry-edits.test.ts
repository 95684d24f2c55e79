// The visual rule editor's edits (lib/domain/hujson/entry-edits.ts) on a heavily commented policy:
// each kind of entry is replaced, added, removed and moved, and every byte outside the entry (its
// comments and comma included) must come out identical, while the result parses and means what
// was intended.
import { describe, expect, it } from 'vitest';
import { applyEntryEdit, listEntries, toJSONValue, type EntryEdit, type SectionName } from '@/lib/domain/hujson';

const DOC = `// meshdeck test policy: heavily commented
/* a block comment
   before the document */
{
	// Who is who.
	"groups": {
		"group:eng": ["alice@example.com", "bob@example.com"], // engineers
		/* ops */ "group:ops": [
			"carol@example.com",
			// dave is on call
			"dave@example.com",
		],

		"group:empty": [],
	},

	"tests": [
		{"src": "alice@example.com", "accept": ["tag:web:443"]},
	],

	// Rules, top to bottom.
	"acls": [
		// engineers reach the web servers
		{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443"]}, // https only

		/* ops everywhere */
		{
			"action": "accept",
			"src":    ["group:ops"],
			"dst":    ["*:*"], // all ports
		},
		{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]},
	],
	"tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:ops"]},
	"ssh": [
		{"action": "check", "src": ["group:eng"], "dst": ["tag:web"], "users": ["root"]}
	],
	// the end of the document
}
// after the document
`;

type Policy = Record<string, unknown> & { groups: Record<string, string[]>; acls: unknown[]; tagOwners: Record<string, string[]>; ssh: unknown[]; tests: unknown[] };
const meaning = (text: string) => toJSONValue(text) as Policy;
const entries = (text: string, section: SectionName) => listEntries(text).find((s) => s.name === section)!.entries;
const edit = (e: EntryEdit, text = DOC) => applyEntryEdit(text, e).text;

/** The text before `from` and after `to` of `before` is found unchanged around the edit in `after`. */
function expectOnlyBetween(before: string, after: string, from: number, to: number) {
  expect(after.slice(0, from)).toBe(before.slice(0, from));
  expect(after.slice(after.length - (before.length - to))).toBe(before.slice(to));
}

/** `after` is `before` with exactly `removed` taken out (once). */
function expectRemoved(before: string, after: string, removed: string) {
  const at = before.indexOf(removed);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(before.indexOf(removed, at + 1)).toBe(-1);
  expect(after).toBe(before.slice(0, at) + before.slice(at + removed.length));
}

/** `after` is `before` with exactly `added` inserted before the (unique) `anchor`. */
function expectInsertedBefore(before: string, after: string, anchor: string, added: string) {
  const at = before.indexOf(anchor);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(after).toBe(before.slice(0, at) + added + before.slice(at));
}

describe('listing', () => {
  it('lists every section with the ranges of its entries', () => {
    const sections = listEntries(DOC);
    expect(sections.map((s) => [s.name, s.present, s.entries.length])).toEqual([
      ['acls', true, 3],
      ['grants', false, 0],
      ['groups', true, 3],
      ['tagOwners', true, 2],
      ['ssh', true, 1],
      ['tests', true, 1],
    ]);
    const ops = entries(DOC, 'groups')[1];
    expect(ops.key).toBe('group:ops');
    expect(ops.value).toEqual(['carol@example.com', 'dave@example.com']);
    expect(DOC.slice(ops.start, ops.end)).toMatch(/^"group:ops": \[[^]*"dave@example.com",\n\t\t\]$/);
    const acl = entries(DOC, 'acls')[1];
    expect(DOC.slice(acl.start, acl.end)).toMatch(/^\{\n\t\t\t"action"[^]*\/\/ all ports\n\t\t\}$/);
  });

  it('reports offsets in characters when the document has multi-byte text', () => {
    const text = DOC.replace('// Who is who.', '// Wer ist wer? – Équipe 🚀');
    const bytes = Buffer.from(text);
    for (const e of entries(text, 'acls')) {
      expect(text.slice(e.start, e.end)).toBe(DOC.slice(entries(DOC, 'acls')[e.index].start, entries(DOC, 'acls')[e.index].end));
      expect(bytes.subarray(e.byteStart, e.byteEnd).toString()).toBe(text.slice(e.start, e.end));
    }
    expect(entries(text, 'acls')[0].byteStart - entries(text, 'acls')[0].start).toBe(Buffer.byteLength('– Équipe 🚀') - '– Équipe 🚀'.length);
  });

  it('refuses a syntax error and a document that is not an object', () => {
    expect(() => listEntries('{"acls": [,]}')).toThrow(/hujson: line 1/);
    expect(() => listEntries('[]')).toThrow(/not a JSON object/);
  });
});

describe('acls', () => {
  it('replacing a member of a one-line rule touches only that rule', () => {
    const e = entries(DOC, 'acls')[0];
    const value = { ...(e.value as object), proto: 'tcp', dst: ['tag:web:443', 'tag:web:80'] };
    const out = edit({ op: 'replace', section: 'acls', index: 0, value });
    expectOnlyBetween(DOC, out, e.start, e.end);
    expect(out).toContain('{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443", "tag:web:80"], "proto": "tcp"}, // https only\n');
    expect(meaning(out).acls[0]).toEqual(value);
    expect(meaning(out).acls.slice(1)).toEqual(meaning(DOC).acls.slice(1));
  });

  it('replacing a value in an expanded rule keeps its comments and alignment', () => {
    const e = entries(DOC, 'acls')[1];
    const out = edit({ op: 'replace', section: 'acls', index: 1, value: { action: 'accept', src: ['group:ops'], dst: ['*:22'] } });
    expectOnlyBetween(DOC, out, e.start, e.end);
    expect(out).toContain('\t\t\t"dst":    ["*:22"], // all ports\n');
    expect(meaning(out).acls[1]).toEqual({ action: 'accept', src: ['group:ops'], dst: ['*:22'] });
  });

  it('removing a rule takes its comment lines and same-line comment, leaving the blank line', () => {
    const out = edit({ op: 'remove', section: 'acls', index: 0 });
    expectRemoved(DOC, out, '\t\t// engineers reach the web servers\n\t\t{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443"]}, // https only\n');
    expect(meaning(out).acls).toEqual(meaning(DOC).acls.slice(1));
  });

  it('moving a rule carries its bytes and comments, everything else unchanged', () => {
    const out = edit({ op: 'move', section: 'acls', from: 1, to: 2 });
    const block = '\t\t/* ops everywhere */\n\t\t{\n\t\t\t"action": "accept",\n\t\t\t"src":    ["group:ops"],\n\t\t\t"dst":    ["*:*"], // all ports\n\t\t},\n';
    expectRemoved(out, DOC.replace(block, ''), block);
    expect(out).toContain(`\t\t{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]},\n${block}\t],`);
    const before = meaning(DOC).acls;
    expect(meaning(out).acls).toEqual([before[0], before[2], before[1]]);
    // And back again gives the original document byte for byte.
    expect(edit({ op: 'move', section: 'acls', from: 2, to: 1 }, out)).toBe(DOC);
  });

  it('adding a rule inserts one line in the document style', () => {
    const rule = { action: 'accept', src: ['group:eng'], dst: ['tag:db:5432'] };
    const out = edit({ op: 'add', section: 'acls', value: rule });
    expectInsertedBefore(DOC, out, '\t],\n\t"tagOwners"', '\t\t{"action": "accept", "src": ["group:eng"], "dst": ["tag:db:5432"]},\n');
    expect(meaning(out).acls).toEqual([...meaning(DOC).acls, rule]);
    const first = edit({ op: 'add', section: 'acls', value: rule, index: 0 });
    expectInsertedBefore(DOC, first, '\t\t// engineers reach', '\t\t{"action": "accept", "src": ["group:eng"], "dst": ["tag:db:5432"]},\n');
  });

  it('a long new rule is written one member per line', () => {
    const rule = { action: 'accept', src: ['group:eng', 'group:ops', 'alice@example.com'], dst: ['tag:web:443', 'tag:db:5432', '100.64.0.0/10:*'] };
    const out = edit({ op: 'add', section: 'acls', value: rule });
    expect(out).toContain('\t\t{\n\t\t\t"action": "accept",\n\t\t\t"src": ["group:eng", "group:ops", "alice@example.com"],\n\t\t\t"dst": ["tag:web:443", "tag:db:5432", "100.64.0.0/10:*"],\n\t\t},\n\t],\n\t"tagOwners"');
    expect(meaning(out).acls.at(-1)).toEqual(rule);
  });
});

describe('groups', () => {
  it('adding a member to an inline group changes only that group', () => {
    const e = entries(DOC, 'groups')[0];
    const out = edit({ op: 'replace', section: 'groups', index: 0, key: 'group:eng', value: ['alice@example.com', 'bob@example.com', 'erin@example.com'] });
    expectOnlyBetween(DOC, out, e.start, e.end);
    expect(out).toContain('"group:eng": ["alice@example.com", "bob@example.com", "erin@example.com"], // engineers\n');
  });

  it('renaming an expanded group keeps its members and their comments', () => {
    const e = entries(DOC, 'groups')[1];
    const out = edit({ op: 'replace', section: 'groups', index: 1, key: 'group:sre', value: ['carol@example.com', 'dave@example.com', 'frank@example.com'] });
    expectOnlyBetween(DOC, out, e.start, e.end);
    expect(out).toContain('/* ops */ "group:sre": [\n\t\t\t"carol@example.com",\n\t\t\t// dave is on call\n\t\t\t"dave@example.com",\n\t\t\t"frank@example.com",\n\t\t],');
    expect(meaning(out).groups).toEqual({ 'group:eng': ['alice@example.com', 'bob@example.com'], 'group:sre': ['carol@example.com', 'dave@example.com', 'frank@example.com'], 'group:empty': [] });
  });

  it('removing a member from the middle of an expanded group removes its line and comment', () => {
    const out = edit({ op: 'replace', section: 'groups', index: 1, value: ['carol@example.com'] });
    expectRemoved(DOC, out, '\t\t\t// dave is on call\n\t\t\t"dave@example.com",\n');
  });

  it('removing, moving and adding groups', () => {
    const removed = edit({ op: 'remove', section: 'groups', index: 1 });
    expectRemoved(DOC, removed, '\t\t/* ops */ "group:ops": [\n\t\t\t"carol@example.com",\n\t\t\t// dave is on call\n\t\t\t"dave@example.com",\n\t\t],\n');
    expect(Object.keys(meaning(removed).groups)).toEqual(['group:eng', 'group:empty']);

    const moved = edit({ op: 'move', section: 'groups', from: 2, to: 0 });
    expectRemoved(moved, DOC.replace('\t\t"group:empty": [],\n', ''), '\t\t"group:empty": [],\n');
    expect(Object.keys(meaning(moved).groups)).toEqual(['group:empty', 'group:eng', 'group:ops']);

    const added = edit({ op: 'add', section: 'groups', key: 'group:new', value: ['gina@example.com'] });
    expectInsertedBefore(DOC, added, '\t},\n\n\t"tests"', '\t\t"group:new": ["gina@example.com"],\n');
    expect(() => edit({ op: 'add', section: 'groups', key: 'group:eng', value: [] })).toThrow('group:eng is already defined.');
    expect(() => edit({ op: 'replace', section: 'groups', index: 0, key: 'group:ops', value: [] })).toThrow('already defined');
  });
});

describe('tagOwners (written on one line)', () => {
  it('edits, adds, removes and moves owners in place', () => {
    const line = '"tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:ops"]},';
    const expectLine = (out: string, want: string) => expect(out).toBe(DOC.replace(line, want));
    expectLine(edit({ op: 'replace', section: 'tagOwners', index: 1, value: ['group:ops', 'group:eng'] }), '"tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:ops", "group:eng"]},');
    expectLine(edit({ op: 'add', section: 'tagOwners', key: 'tag:new', value: ['group:eng'] }), '"tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:ops"], "tag:new": ["group:eng"]},');
    expectLine(edit({ op: 'add', section: 'tagOwners', key: 'tag:first', value: [], index: 0 }), '"tagOwners": {"tag:first": [], "tag:web": ["group:eng"], "tag:db": ["group:ops"]},');
    expectLine(edit({ op: 'remove', section: 'tagOwners', index: 0 }), '"tagOwners": {"tag:db": ["group:ops"]},');
    expectLine(edit({ op: 'remove', section: 'tagOwners', index: 1 }), '"tagOwners": {"tag:web": ["group:eng"]},');
    const moved = edit({ op: 'move', section: 'tagOwners', from: 1, to: 0 });
    expectLine(moved, '"tagOwners": {"tag:db": ["group:ops"], "tag:web": ["group:eng"]},');
    expect(meaning(moved).tagOwners).toEqual({ 'tag:db': ['group:ops'], 'tag:web': ['group:eng'] });
  });
});

describe('ssh (no trailing comma)', () => {
  const rule = { action: 'accept', src: ['group:ops'], dst: ['tag:db'], users: ['ubuntu'] };

  it('appending adds the comma the last rule lacked and keeps the list without a trailing comma', () => {
    const out = edit({ op: 'add', section: 'ssh', value: rule });
    expect(out).toBe(DOC.replace('"users": ["root"]}\n\t],', '"users": ["root"]},\n\t\t{"action": "accept", "src": ["group:ops"], "dst": ["tag:db"], "users": ["ubuntu"]}\n\t],'));
    expect(meaning(out).ssh).toEqual([...meaning(DOC).ssh, rule]);
    // Moving the last one up and removing it bring the commas back where they were.
    const moved = edit({ op: 'move', section: 'ssh', from: 1, to: 0 }, out);
    expect(meaning(moved).ssh).toEqual([rule, ...meaning(DOC).ssh]);
    expect(moved).toBe(DOC.replace('\t\t{"action": "check"', '\t\t{"action": "accept", "src": ["group:ops"], "dst": ["tag:db"], "users": ["ubuntu"]},\n\t\t{"action": "check"'));
    expect(edit({ op: 'remove', section: 'ssh', index: 1 }, out)).toBe(DOC);
  });

  it('removing the only rule leaves an empty list, and adding fills it again', () => {
    const out = edit({ op: 'remove', section: 'ssh', index: 0 });
    expectRemoved(DOC, out, '\t\t{"action": "check", "src": ["group:eng"], "dst": ["tag:web"], "users": ["root"]}\n');
    expect(meaning(out).ssh).toEqual([]);
    const again = edit({ op: 'add', section: 'ssh', value: rule }, out);
    expect(again).toBe(out.replace('"ssh": [\n\t],', '"ssh": [\n\t\t{"action": "accept", "src": ["group:ops"], "dst": ["tag:db"], "users": ["ubuntu"]},\n\t],'));
  });

  it('changing a scalar member rewrites only that literal', () => {
    const out = edit({ op: 'replace', section: 'ssh', index: 0, value: { action: 'accept', src: ['group:eng'], dst: ['tag:web'], users: ['root'] } });
    expect(out).toBe(DOC.replace('{"action": "check", "src": ["group:eng"]', '{"action": "accept", "src": ["group:eng"]'));
  });
});

describe('tests', () => {
  it('edits, adds and removes tests', () => {
    const e = entries(DOC, 'tests')[0];
    const changed = edit({ op: 'replace', section: 'tests', index: 0, value: { src: 'alice@example.com', accept: ['tag:web:443'], deny: ['tag:db:5432'] } });
    expectOnlyBetween(DOC, changed, e.start, e.end);
    expect(meaning(changed).tests[0]).toEqual({ src: 'alice@example.com', accept: ['tag:web:443'], deny: ['tag:db:5432'] });
    const added = edit({ op: 'add', section: 'tests', value: { src: 'carol@example.com', accept: ['tag:db:22'] } });
    expectInsertedBefore(DOC, added, '\t],\n\n\t// Rules', '\t\t{"src": "carol@example.com", "accept": ["tag:db:22"]},\n');
    expect(edit({ op: 'remove', section: 'tests', index: 0 })).toBe(DOC.replace('\t\t{"src": "alice@example.com", "accept": ["tag:web:443"]},\n', ''));
  });
});

describe('a section that does not exist yet', () => {
  it('is added at the end of the document, before its closing comment', () => {
    const grant = { src: ['group:eng'], dst: ['tag:web'], ip: ['443'] };
    const out = edit({ op: 'add', section: 'grants', value: grant });
    expectInsertedBefore(DOC, out, '\t// the end of the document', '\t"grants": [\n\t\t{"src": ["group:eng"], "dst": ["tag:web"], "ip": ["443"]},\n\t],\n');
    expect(meaning(out).grants).toEqual([grant]);
    expect(entries(out, 'grants')).toHaveLength(1);
  });

  it('in standard JSON with spaces, follows the document (no trailing commas, its indentation)', () => {
    const json = '{\n  "acls": [\n    {"action": "accept", "src": ["*"], "dst": ["*:*"]}\n  ]\n}\n';
    const out = edit({ op: 'add', section: 'groups', key: 'group:a', value: ['a@example.com'] }, json);
    expect(out).toBe('{\n  "acls": [\n    {"action": "accept", "src": ["*"], "dst": ["*:*"]}\n  ],\n  "groups": {\n    "group:a": ["a@example.com"]\n  }\n}\n');
    expect(JSON.parse(out)).toEqual({ acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }], groups: { 'group:a': ['a@example.com'] } });
  });

  it('in a document written on one line, on that line', () => {
    const line = '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]} // all\n';
    expect(edit({ op: 'add', section: 'tests', value: { src: 'a@example.com', accept: ['b:1'] } }, line)).toBe('{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}], "tests": [{"src": "a@example.com", "accept": ["b:1"]}]} // all\n');
    expect(edit({ op: 'add', section: 'acls', value: { action: 'accept', src: ['x'], dst: ['y:1'] } }, line)).toBe('{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}, {"action": "accept", "src": ["x"], "dst": ["y:1"]}]} // all\n');
  });

  it('in an empty document object', () => {
    expect(edit({ op: 'add', section: 'tagOwners', key: 'tag:x', value: ['group:a'] }, '// policy\n{}\n')).toBe('// policy\n{\n\t"tagOwners": {\n\t\t"tag:x": ["group:a"],\n\t},\n}\n');
  });
});

describe('refusals', () => {
  it('rejects indexes out of range and sections of the wrong kind', () => {
    expect(() => edit({ op: 'remove', section: 'acls', index: 3 })).toThrow('There is no entry 4');
    expect(() => edit({ op: 'move', section: 'acls', from: 0, to: 5 })).toThrow('There is no entry 6');
    expect(() => edit({ op: 'add', section: 'acls', value: {} }, '{"acls": {}}')).toThrow('"acls" is not an array');
    expect(listEntries('{"acls": {}}').find((s) => s.name === 'acls')).toMatchObject({ present: true, editable: false });
  });
});

describe('multi-byte text', () => {
  it('edits after and inside non-ASCII text at the right place', () => {
    const text = DOC.replace('// Who is who.', '// Wer ist wer? – Équipe 🚀').replace('"bob@example.com"]', '"björn@example.com"]');
    const e = entries(text, 'groups')[0];
    expect(e.value).toEqual(['alice@example.com', 'björn@example.com']);
    const out = edit({ op: 'replace', section: 'groups', index: 0, value: ['jürgen@example.com', 'björn@example.com'] }, text);
    expectOnlyBetween(text, out, e.start, e.end);
    expect(out).toContain('"group:eng": ["jürgen@example.com", "björn@example.com"], // engineers');
    const moved = edit({ op: 'move', section: 'acls', from: 0, to: 2 }, text);
    expect(moved).toContain('// Wer ist wer? – Équipe 🚀');
    expect(meaning(moved).acls).toEqual([meaning(text).acls[1], meaning(text).acls[2], meaning(text).acls[0]]);
  });
});

describe('random edit sequences', () => {
  // A small deterministic generator, so a failure reproduces.
  function rng(seed: number) {
    return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  }
  const ARRAYS: SectionName[] = ['acls', 'grants', 'ssh', 'tests'];

  it('keep the document parsing to exactly the edited model, comments of untouched entries kept', () => {
    for (const [seed, base] of [[1, DOC], [2, DOC.replaceAll('\n', '\r\n')], [3, '{\n    "acls": [\n        {"action": "accept", "src": ["*"], "dst": ["*:*"]}\n    ]\n}']] as const) {
      const rand = rng(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
      let text: string = base;
      const model = meaning(text) as Record<string, unknown>;
      for (let step = 0; step < 60; step++) {
        const keyed = rand() < 0.4;
        const section: SectionName = keyed ? pick(['groups', 'tagOwners'] as const) : pick(ARRAYS);
        const current = model[section] as unknown[] | Record<string, unknown> | undefined;
        const n = current ? (Array.isArray(current) ? current.length : Object.keys(current).length) : 0;
        const value = keyed ? Array.from({ length: Math.floor(rand() * 3) }, (_, i) => `u${i}-${step}@example.com`) : { action: 'accept', src: [`group:s${step}`], dst: Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => `tag:t${i}:${step}`) };
        const op = n === 0 ? 'add' : pick(['add', 'replace', 'remove', 'move'] as const);
        let e: EntryEdit;
        if (op === 'add') e = { op, section, value, key: keyed ? `${section === 'groups' ? 'group' : 'tag'}:k${step}` : undefined, index: Math.floor(rand() * (n + 1)) };
        else if (op === 'replace') e = { op, section, index: Math.floor(rand() * n), value, key: keyed && rand() < 0.3 ? `${section === 'groups' ? 'group' : 'tag'}:r${step}` : undefined };
        else if (op === 'remove') e = { op, section, index: Math.floor(rand() * n) };
        else e = { op, section, from: Math.floor(rand() * n), to: Math.floor(rand() * n) };

        const before = text;
        const listed = listEntries(before).find((s) => s.name === section)!.entries;
        text = applyEntryEdit(text, e).text;
        // The model, edited the same way (keyed sections as ordered [key, value] lists).
        const list: [string, unknown][] = Array.isArray(current) ? current.map((v, i) => [String(i), v]) : Object.entries(current ?? {});
        if (e.op === 'add') list.splice(e.index!, 0, [e.key ?? '', e.value]);
        else if (e.op === 'replace') list[e.index] = [e.key ?? list[e.index][0], e.value];
        else if (e.op === 'remove') list.splice(e.index, 1);
        else list.splice(e.to, 0, list.splice(e.from, 1)[0]);
        model[section] = keyed ? Object.fromEntries(list) : list.map(([, v]) => v);

        const got = meaning(text) as Record<string, unknown>;
        expect(got, `seed ${seed} step ${step}: ${JSON.stringify(e)}`).toEqual(model);
        if (keyed) expect(Object.keys(got[section] as object)).toEqual(list.map(([k]) => k));
        if (e.op === 'replace') expectOnlyBetween(before, text, listed[e.index].start, listed[e.index].end);
      }
      // The comments of the document outside the sections survive everything.
      for (const c of ['// meshdeck test policy', '// Who is who.', '// Rules, top to bottom.', '// the end of the document', '// after the document']) if (base.includes(c)) expect(text).toContain(c);
    }
  });
});
