import { netbird } from '@/lib/dialects/netbird/dialect';
import { toNetbirdCountry } from '@/lib/dialects/netbird/locations';
import { listCountries } from '@/lib/domain/locations';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async () => listCountries().map(toNetbirdCountry));
