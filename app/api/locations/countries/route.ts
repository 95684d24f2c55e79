import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdCountry, wantsObjects } from '@/lib/dialects/netbird/locations';
import { listCountries } from '@/lib/domain/posture/locations';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ url }) =>
  wantsObjects(url) ? listCountries().map(toNetbirdCountry) : listCountries().map((c) => c.code),
);
