// A suspended account is frozen, not gone: its API tokens, console sessions, agent syncs and Ziti
// sessions are refused until an operator resumes it; agents keep the last map they have.
import { ForbiddenError } from '../errors';

export const ACCOUNT_SUSPENDED = 'account is suspended';

export function checkAccountActive(status: string) {
  if (status !== 'active') throw new ForbiddenError(ACCOUNT_SUSPENDED);
}
