// NetBird management API errors: `{"message": "...", "code": <http status>}` (util.WriteErrorResponse).
// Go's JSON decoder rejects malformed bodies and wrong types with 400; NetBird's own checks of
// values (status.InvalidArgument) answer 422.
import type { Dialect } from '../dialect';

export const netbird: Dialect = {
  name: 'netbird',
  validationStatus: (kind) => (kind === 'value' ? 422 : 400),
  errorBody: (p) => ({ message: p.message, code: p.status }),
};
