import { netbird } from '@/lib/dialects/netbird/dialect';
import { toNetbirdAccount } from '@/lib/dialects/netbird/accounts';
import { getAccount } from '@/lib/domain/accounts';
import { accountOnboarding, accountSettings } from '@/lib/domain/account-settings';
import { allGroupId } from '@/lib/domain/groups-core';
import { route } from '@/lib/http/route';

// Always a list of one: the caller's account.
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => {
  const account = await getAccount(db, actor, actor.accountId);
  return [toNetbirdAccount(account, accountSettings(account, await allGroupId(db, account.id)), accountOnboarding(account))];
});
