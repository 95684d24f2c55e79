import { netbird } from '@/lib/dialects/netbird/dialect';
import { toNetbirdCity } from '@/lib/dialects/netbird/locations';
import { listCities } from '@/lib/domain/locations';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ params }) => listCities(params.country).map(toNetbirdCity));
