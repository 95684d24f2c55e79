// GET /api/locations/countries and /api/locations/countries/{country}/cities from the committed
// dataset (lib/domain/data/locations.json).
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser } from '../support/fixtures';
import { getLocationList } from '../support/events-helpers';
import { netbird } from '../support/netbird-client';

let token = '';
let accountId = '';

beforeAll(async () => {
  const a = await newAccount();
  token = a.token;
  accountId = a.account.id;
});

describe('countries', () => {
  it('lists every ISO 3166-1 alpha-2 country with its English name', async () => {
    const list = await getLocationList(token, '/api/locations/countries?format=objects', 'Country');
    expect(list.length).toBeGreaterThanOrEqual(249);
    expect(list).toContainEqual({ country_code: 'DE', country_name: 'Germany' });
    expect(list).toContainEqual({ country_code: 'JP', country_name: 'Japan' });
    const codes = list.map((c) => c.country_code as string);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
  });
});

describe('the spec’s shapes (the default)', () => {
  it('lists country codes and answers one City, the capital, for a country', async () => {
    const api = netbird(token);
    const countries = await api('GET', '/api/locations/countries');
    expect(countries.status).toBe(200);
    expect(countries.body).toContain('DE');
    expect(countries.body.every((c: unknown) => typeof c === 'string' && /^[A-Z]{2}$/.test(c))).toBe(true);
    expect((await api('GET', '/api/locations/countries/DE/cities')).body).toEqual({ geoname_id: 2950159, city_name: 'Berlin' });
    expect((await api('GET', '/api/locations/countries/AQ/cities')).status).toBe(404);
  });
});

describe('cities', () => {
  it('lists a country’s cities by name with their GeoNames ids', async () => {
    const list = await getLocationList(token, '/api/locations/countries/DE/cities?format=objects', 'City');
    expect(list).toContainEqual({ geoname_id: 2950159, city_name: 'Berlin' });
    expect(list).toContainEqual({ geoname_id: 2867714, city_name: 'Munich' });
    expect(list.length).toBeGreaterThan(500);
    const names = list.map((c) => c.city_name as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('includes capitals below the population cut-off', async () => {
    expect(await getLocationList(token, '/api/locations/countries/LI/cities?format=objects', 'City')).toContainEqual({ geoname_id: 3042030, city_name: 'Vaduz' });
  });

  it('answers an empty list for a country without cities in the dataset', async () => {
    expect(await getLocationList(token, '/api/locations/countries/AQ/cities?format=objects', 'City')).toEqual([]);
  });

  it('answers 404 for an unknown country and 422 for anything but two upper-case letters', async () => {
    const api = netbird(token);
    expect((await api('GET', '/api/locations/countries/ZZ/cities')).status).toBe(404);
    for (const bad of ['de', 'DEU', 'D1', 'D']) {
      const r = await api('GET', `/api/locations/countries/${bad}/cities`);
      expect(r.status, bad).toBe(422);
      expect(r.body.message).toMatch(/country code/);
    }
  });
});

describe('access', () => {
  it('needs authentication, and any role may read', async () => {
    const anon = netbird('');
    expect((await anon('GET', '/api/locations/countries', undefined, { Authorization: '' })).status).toBe(401);
    expect((await anon('GET', '/api/locations/countries/DE/cities', undefined, { Authorization: '' })).status).toBe(401);
    for (const role of ['user', 'auditor'] as const) {
      const { token: t } = await newUser(accountId, role);
      expect((await getLocationList(t, '/api/locations/countries?format=objects', 'Country')).length).toBeGreaterThan(200);
      expect((await getLocationList(t, '/api/locations/countries/FR/cities?format=objects', 'City')).map((c) => c.city_name)).toContain('Paris');
    }
  });
});
