// Countries and cities for geo-location posture checks (NetBird "Geo Locations"). The data is a
// committed file built by scripts/build-locations.mjs; nothing is downloaded or looked up at run time.
import data from '../data/locations.json';
import { NotFoundError, ValidationError } from '../errors';

export interface Country {
  code: string;
  name: string;
}

export interface City {
  geonameId: number;
  name: string;
}

type Dataset = { countries: Record<string, { name: string; cities: [number, string][]; capital?: number }> };
const dataset = data as unknown as Dataset;

/** Cities of this size and up (plus every capital) are in the dataset. */
export const MIN_CITY_POPULATION = (data as { minPopulation: number }).minPopulation;

export function listCountries(): Country[] {
  return Object.entries(dataset.countries).map(([code, c]) => ({ code, name: c.name }));
}

export function countryName(code: string): string | undefined {
  return dataset.countries[code]?.name;
}

/**
 * Cities of a country, sorted by name. Codes are ISO 3166-1 alpha-2 in upper case, as the
 * countries list gives them; anything else is refused rather than guessed.
 */
export function listCities(code: string): City[] {
  if (!/^[A-Z]{2}$/.test(code)) throw new ValidationError('invalid country code: use a 2-letter ISO 3166-1 alpha-2 code in upper case, e.g. "DE"');
  const country = dataset.countries[code];
  if (!country) throw new NotFoundError('country', code);
  return country.cities.map(([geonameId, name]) => ({ geonameId, name }));
}

/** The city the spec's single-City answer gives: the capital, else the first city. */
export function mainCity(code: string): City | undefined {
  const cities = listCities(code);
  const capital = dataset.countries[code].capital;
  return cities.find((c) => c.geonameId === capital) ?? cities[0];
}
