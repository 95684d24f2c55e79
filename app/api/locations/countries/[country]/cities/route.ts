import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdCity, wantsObjects } from '@/lib/dialects/netbird/locations';
import { NotFoundError } from '@/lib/domain/errors';
import { listCities, mainCity } from '@/lib/domain/posture/locations';
import { route } from '@/lib/http/route';

// The spec answers one City (the capital here); `?format=objects` lists every city, as NetBird's
// server does.
export const GET = route({ dialect: netbird }, async ({ params, url }) => {
  if (wantsObjects(url)) return listCities(params.country).map(toNetbirdCity);
  const city = mainCity(params.country);
  if (!city) throw new NotFoundError(`city in country ${params.country}`);
  return toNetbirdCity(city);
});
