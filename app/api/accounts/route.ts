import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdAccount } from '@/lib/dialects/netbird/accounts';
import { getAccount } from '@/lib/domain/accounts/accounts';
import { accountOnboarding, accountSettings } from '@/lib/domain/accounts/settings';
import { allGroupId } from '@/lib/domain/groups/all-group';
import { route } from '@/lib/http/route';

// Always a list of one: the caller's account.
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => {
  const account = await getAccount(db, actor, actor.accountId);
  return [toNetbirdAccount(account, accountSettings(account, await allGroupId(db, account.id)), accountOnboarding(account))];
});
