// Who is acting. Every service call that reads or changes account data takes one, and every query
// is scoped by actor.accountId: that is how one account never sees another's data.
import type { Role } from './users/roles';

export interface Actor {
  userId: string;
  accountId: string;
  role: Role;
  name: string;
  email: string;
  /** How they authenticated: a personal access token or a console session. */
  via: 'token' | 'session';
  tokenId?: string;
  /** The account's API requests per minute when an operator set a quota (lib/domain/accounts/quotas.ts). */
  requestQuota?: number | null;
}
