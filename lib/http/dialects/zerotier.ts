// ZeroTier One service errors. The real service answers errors with a bare status and `{}`;
// meshdeck adds a `message` field, which ZeroTier clients ignore and people reading curl output need.
import type { Dialect } from '../dialect';

export const zerotier: Dialect = {
  name: 'zerotier',
  validationStatus: () => 400,
  errorBody: (p) => ({ message: p.message }),
};
