// Ziti's filter language: parsing into the domain's ListQuery, evaluating it over rows, sorting and
// paging, and the errors bad filters get.
import { describe, expect, it } from 'vitest';
import { parseFilter } from '@/lib/dialects/ziti/filter';
import { applyQuery, InvalidFilterError, type Fields } from '@/lib/domain/ziti/query';

interface Row {
  id: string;
  name: string;
  roleAttributes: string[];
  port: number;
  encrypted: boolean;
  createdAt: Date;
  note: string | null;
}

const rows: Row[] = [
  { id: 'a1', name: 'web', roleAttributes: ['public', 'http'], port: 80, encrypted: true, createdAt: new Date('2024-01-01T00:00:00Z'), note: null },
  { id: 'b2', name: 'ssh', roleAttributes: ['admin'], port: 22, encrypted: true, createdAt: new Date('2024-02-01T00:00:00Z'), note: 'x' },
  { id: 'c3', name: 'Web-Admin', roleAttributes: [], port: 8443, encrypted: false, createdAt: new Date('2024-03-01T00:00:00Z'), note: null },
  { id: 'd4', name: 'db "main"', roleAttributes: ['admin', 'db'], port: 5432, encrypted: true, createdAt: new Date('2024-04-01T00:00:00Z'), note: 'y' },
];

const fields: Fields<Row> = {
  id: (r) => r.id,
  name: (r) => r.name,
  roleAttributes: (r) => r.roleAttributes,
  port: (r) => r.port,
  encrypted: (r) => r.encrypted,
  createdAt: (r) => r.createdAt,
  note: (r) => r.note,
};

const ids = (filter: string, page: { offset?: number; limit?: number } = {}) => applyQuery(rows, fields, parseFilter(filter), page).items.map((r) => r.id);

describe('ziti filter: comparisons', () => {
  it.each([
    ['name = "web"', ['a1']],
    ['id = "b2"', ['b2']],
    ['name != "web"', ['b2', 'c3', 'd4']],
    ['name contains "eb"', ['a1', 'c3']],
    ['name icontains "WEB"', ['a1', 'c3']],
    ['name startswith "Web"', ['c3']],
    ['name endswith "sh"', ['b2']],
    ['name not contains "eb"', ['b2', 'd4']],
    ['name in ["web", "ssh", "none"]', ['a1', 'b2']],
    ['name not in ["web"]', ['b2', 'c3', 'd4']],
    ['port > 80', ['c3', 'd4']],
    ['port >= 80', ['a1', 'c3', 'd4']],
    ['port < 80', ['b2']],
    ['port <= 22', ['b2']],
    ['port between 22 and 5432', ['a1', 'b2']],
    ['encrypted = false', ['c3']],
    ['encrypted = true', ['a1', 'b2', 'd4']],
    ['note = null', ['a1', 'c3']],
    ['note != null', ['b2', 'd4']],
    ['note is null', ['a1', 'c3']],
    ['note is not null', ['b2', 'd4']],
    ['name = "db \\"main\\""', ['d4']],
    ['createdAt >= datetime(2024-03-01T00:00:00Z)', ['c3', 'd4']],
    ['roleAttributes = "admin"', ['b2', 'd4']],
    ['roleAttributes in ["http", "db"]', ['a1', 'd4']],
    ['roleAttributes is null', ['c3']],
  ])('%s', (filter, expected) => expect(ids(filter)).toEqual(expected));
});

describe('ziti filter: boolean structure', () => {
  it.each([
    ['true', ['a1', 'b2', 'c3', 'd4']],
    ['false', []],
    ['name = "web" or name = "ssh"', ['a1', 'b2']],
    ['encrypted = true and port < 100', ['a1', 'b2']],
    // and binds tighter than or
    ['name = "web" or name = "ssh" and port = 80', ['a1']],
    ['(name = "web" or name = "ssh") and port = 80', ['a1']],
    ['(name = "web" or name = "ssh") and port = 22', ['b2']],
    ['not name = "web"', ['b2', 'c3', 'd4']],
    ['not (encrypted = true or port = 8443)', []],
    ['NAME = "web"'.replace('NAME', 'name') + ' AND port = 80', ['a1']],
    ['name = "web" OR Name = "x"'.replace('Name', 'name'), ['a1']],
  ])('%s', (filter, expected) => expect(ids(filter)).toEqual(expected));
});

describe('ziti filter: sort, skip, limit', () => {
  it('sorts by one or more keys, ids last for stable pages', () => {
    expect(ids('true sort by name asc')).toEqual(['c3', 'd4', 'b2', 'a1']);
    expect(ids('sort by port desc')).toEqual(['c3', 'd4', 'a1', 'b2']);
    expect(ids('sort by encrypted desc, name')).toEqual(['d4', 'b2', 'a1', 'c3']);
    expect(ids('sort by id desc')).toEqual(['d4', 'c3', 'b2', 'a1']);
  });

  it('skip and limit page the result; the page reports the total', () => {
    expect(ids('true sort by port skip 1 limit 2')).toEqual(['a1', 'd4']);
    const page = applyQuery(rows, fields, parseFilter('encrypted = true limit 2'));
    expect(page).toMatchObject({ offset: 0, limit: 2, totalCount: 3 });
    expect(page.items.map((r) => r.id)).toEqual(['a1', 'b2']);
    expect(ids('limit none')).toHaveLength(4);
  });

  it('the URL offset and limit win over the filter', () => {
    expect(ids('true skip 3 limit 1', { offset: 0, limit: 2 })).toEqual(['a1', 'b2']);
    expect(ids('', { offset: 2 })).toEqual(['c3', 'd4']);
  });

  it('defaults to 10 per page and caps at 500', () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ ...rows[0], id: `x${String(i).padStart(3, '0')}` }));
    expect(applyQuery(many, fields, parseFilter('')).items).toHaveLength(10);
    expect(applyQuery(many, fields, parseFilter(''), { limit: 1000 })).toMatchObject({ limit: 500, totalCount: 600 });
  });

  it('an empty or blank filter is the empty query', () => {
    expect(parseFilter(undefined)).toEqual({ sort: [] });
    expect(parseFilter('   ')).toEqual({ sort: [] });
  });
});

describe('ziti filter: errors', () => {
  it.each([
    'name =',
    'name = "web',
    'name == "web"',
    '= "web"',
    'name = "web" and',
    '(name = "web"',
    'name = "web")',
    'name in "web"',
    'name in ["web"',
    'name contains 5',
    'port < null',
    'name not = "x"',
    'name is "x"',
    'sort name',
    'true sort by',
    'skip -1',
    'limit x',
    'limit 2 skip 1',
    'name = web',
    'createdAt > datetime(yesterday)',
    'name = "x" @',
  ])('refuses %j', (filter) => expect(() => applyQuery(rows, fields, parseFilter(filter))).toThrow(InvalidFilterError));

  it('refuses filters over 4096 characters', () => expect(() => parseFilter(`name = "${'x'.repeat(5000)}"`)).toThrow(/longer than 4096/));

  it('names the position of a syntax error', () => {
    expect(() => parseFilter('name = "a" and port >')).toThrow(/position 22/);
  });

  it('refuses unknown fields in the filter and in sort by, listing the known ones', () => {
    expect(() => ids('secret = "x"')).toThrow(/unknown field "secret"; filterable fields: id, name/);
    expect(() => ids('sort by secret')).toThrow(InvalidFilterError);
  });

  it('refuses a zero limit', () => {
    expect(() => ids('', { limit: 0 })).toThrow(/limit/);
  });
});
