// A fresh account for agent API tests: its owner's NetBird client and a reusable setup key.
import { newAccount } from './fixtures';
import { netbird } from './netbird-client';

export async function accountWithSetupKey() {
  const account = await newAccount();
  const nb = netbird(account.token);
  const key: string = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
  return { account, nb, key };
}
