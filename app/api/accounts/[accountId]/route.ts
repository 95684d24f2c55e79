import { netbird } from '@/lib/http/dialects/netbird';
import { accountRequest, settingsInput, toNetbirdAccount } from '@/lib/dialects/netbird/accounts';
import { deleteAccount } from '@/lib/domain/accounts/removal';
import { updateAccountSettings } from '@/lib/domain/accounts/settings-update';
import { route } from '@/lib/http/route';

export const PUT = route({ dialect: netbird, body: accountRequest }, async ({ db, actor, params, body }) => {
  const r = await updateAccountSettings(db, actor, params.accountId, settingsInput(body), body.onboarding);
  return toNetbirdAccount(r.account, r.settings, r.onboarding);
});

// The account's audit trail is deleted with it, so this deletion is not audited.
export const DELETE = route({ dialect: netbird, permission: 'owner' }, async ({ db, actor, params }) => {
  await deleteAccount(db, actor, params.accountId);
  return {};
});
