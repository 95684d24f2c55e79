// Tailscale API v2 errors: `{"message": "..."}` (the spec's Error schema); 401 asks for Basic auth
// with the API key as user name, as api.tailscale.com does.
import type { Dialect } from '../dialect';

export const tailscale: Dialect = {
  name: 'tailscale',
  validationStatus: () => 400,
  errorBody: (p) => ({ message: p.message }),
  errorHeaders: (p): Record<string, string> => (p.status === 401 ? { 'WWW-Authenticate': 'Basic realm="meshdeck"' } : {}),
};
