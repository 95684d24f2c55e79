// NetBird wire shapes for geo locations (components.schemas.Country, City). Like NetBird's own
// server, the lists are JSON arrays of these objects.
import type { City, Country } from '../../domain/locations';

export const toNetbirdCountry = (c: Country) => ({ country_name: c.name, country_code: c.code });

export const toNetbirdCity = (c: City) => ({ geoname_id: c.geonameId, city_name: c.name });
