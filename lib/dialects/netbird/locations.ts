// NetBird wire shapes for geo locations. meshdeck follows the published spec (and the API
// reference): the countries list is an array of ISO 3166-1 alpha-2 codes, and the cities call
// answers a City object. NetBird's own server answers arrays of Country / City objects instead;
// `?format=objects` gives that form for tools written against the server (docs/netbird-events.md).
import type { City, Country } from '../../domain/posture/locations';

export const toNetbirdCountry = (c: Country) => ({ country_name: c.name, country_code: c.code });

export const toNetbirdCity = (c: City) => ({ geoname_id: c.geonameId, city_name: c.name });

export const wantsObjects = (url: URL) => url.searchParams.get('format') === 'objects';

export type NetbirdCountry = ReturnType<typeof toNetbirdCountry>;
export type NetbirdCity = ReturnType<typeof toNetbirdCity>;
